package dev.guild.runtime.cli;

import dev.guild.runtime.download.DownloadException;
import dev.guild.runtime.download.DownloadSettings;
import dev.guild.runtime.download.ModelResolver;
import dev.guild.runtime.gguf.GgufFormatException;
import dev.guild.runtime.model.ModelLoadException;
import dev.guild.runtime.serve.LocalModelServer;
import dev.guild.runtime.serve.OpenAiServer;
import dev.guild.runtime.serve.SchedulerConfig;
import dev.guild.runtime.serve.ServerConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code serve --model <path|ref>}: resolves the model (a local GGUF file, a catalog name or a Hugging
 * Face reference, downloaded into the cache), loads it and serves the OpenAI-compatible API until the
 * process is stopped.
 */
public final class ServeCommand implements Command {

    private static final Set<String> OPTIONS = Set.of("--model", "--host", "--port", "--threads", "--max-seqs",
            "--max-queued", "--max-tokens", "--ctx", "--kv-budget", "--kv-memory-mib", "--kv-block", "--prefix-cache",
            "--models-dir", "--name");

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String summary() {
        return "serve a model over an OpenAI-compatible HTTP API (chat completions, streaming, tool calls)";
    }

    @Override
    public String usage() {
        SchedulerConfig d = SchedulerConfig.DEFAULTS;
        return "--model <file.gguf|org/repo/file.gguf|url|catalog name> [options]\n"
                + "  --host H         interface to bind (default " + ServerConfig.DEFAULTS.host() + ")\n"
                + "  --port P         TCP port (default " + ServerConfig.DEFAULTS.port() + "; 0 = any free port)\n"
                + "  --threads N      compute threads (default: all processors)\n"
                + "  --max-seqs N     sequences decoded together (default " + d.maxSequences() + ")\n"
                + "  --max-queued N   requests waiting before 429 (default " + d.maxQueued() + ")\n"
                + "  --ctx N          context length per sequence (default: the model's)\n"
                + "  --max-tokens N   most tokens one request may generate (default " + d.maxTokensPerRequest() + ")\n"
                + "  --kv-budget N    KV cache positions for all sequences together (default " + d.kvBudgetTokens() + ")\n"
                + "  --kv-memory-mib M  KV cache memory budget in MiB instead of --kv-budget (positions = M MiB /\n"
                + "                   the model's bytes per position)\n"
                + "  --kv-block N     positions per KV block (default " + d.kvBlockTokens() + ")\n"
                + "  --prefix-cache on|off  share KV blocks across requests with the same prefix (default on)\n"
                + "  --models-dir D   download cache (default ~/.guild/models)\n"
                + "  --name NAME      model id clients send (default: general.name, else the file name)";
    }

    /** A started server and what it owns. */
    record Running(LocalModelServer local) implements AutoCloseable {
        OpenAiServer server() {
            return local.server();
        }

        @Override
        public void close() {
            local.close();
        }
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Map<String, String> opts;
        try {
            opts = Options.parse(args, OPTIONS);
        } catch (Options.UsageException e) {
            return usageError(err, e.getMessage());
        }
        if (!opts.containsKey("--model")) {
            return usageError(err, "missing --model <file.gguf|reference>");
        }
        Settings settings;
        try {
            settings = Settings.parse(opts);
        } catch (IllegalArgumentException e) {
            return usageError(err, e.getMessage());
        }
        Running running;
        try {
            running = start(settings, out);
        } catch (DownloadException | ModelLoadException | GgufFormatException | IllegalArgumentException
                 | IllegalStateException e) {
            err.println(name() + ": " + e.getMessage());
            return EXIT_FAILURE;
        } catch (IOException e) {
            err.println(name() + ": cannot read the model: " + e);
            return EXIT_FAILURE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.close();
        }
        return EXIT_OK;
    }

    /** The parsed command line. */
    record Settings(String model, Optional<String> name, int threads, SchedulerConfig scheduler, ServerConfig server,
                    Path modelsDir, int kvMemoryMib) {

        /** @throws IllegalArgumentException naming the bad option and value */
        static Settings parse(Map<String, String> opts) {
            SchedulerConfig d = SchedulerConfig.DEFAULTS;
            int threads = positiveInt(opts, "--threads", Runtime.getRuntime().availableProcessors());
            int port = intIn(opts, "--port", ServerConfig.DEFAULTS.port(), 0, 65535);
            SchedulerConfig config = d.withMaxSequences(positiveInt(opts, "--max-seqs", d.maxSequences()))
                    .withMaxQueued(intIn(opts, "--max-queued", d.maxQueued(), 0, 1_000_000))
                    .withContextLength(opts.containsKey("--ctx") ? positiveInt(opts, "--ctx", 0) : 0)
                    .withMaxTokensPerRequest(positiveInt(opts, "--max-tokens", d.maxTokensPerRequest()))
                    .withKvBudgetTokens(positiveInt(opts, "--kv-budget", d.kvBudgetTokens()))
                    .withKvBlockTokens(intIn(opts, "--kv-block", d.kvBlockTokens(), 1, 4096))
                    .withPrefixCaching(onOff(opts, "--prefix-cache", d.prefixCaching()));
            int kvMemoryMib = opts.containsKey("--kv-memory-mib") ? positiveInt(opts, "--kv-memory-mib", 0) : 0;
            if (kvMemoryMib > 0 && opts.containsKey("--kv-budget")) {
                throw new IllegalArgumentException("give either --kv-budget (positions) or --kv-memory-mib (MiB), not both");
            }
            ServerConfig server = ServerConfig.DEFAULTS
                    .withHost(opts.getOrDefault("--host", ServerConfig.DEFAULTS.host())).withPort(port);
            Path modelsDir = opts.containsKey("--models-dir") ? Path.of(opts.get("--models-dir"))
                    : Path.of(System.getProperty("user.home"), ".guild", "models");
            return new Settings(opts.get("--model"), Optional.ofNullable(opts.get("--name")), threads, config, server,
                    modelsDir, kvMemoryMib);
        }
    }

    /** Resolves, loads and starts serving; prints the address. */
    static Running start(Settings s, PrintStream out) throws IOException {
        SchedulerConfig config = s.scheduler();
        ServerConfig server = s.server();
        Path path = new ModelResolver(DownloadSettings.defaults(s.modelsDir())).resolve(s.model());
        LocalModelServer local = LocalModelServer.start(path, s.name(), s.threads(), config, s.kvMemoryMib(), server);
        SchedulerConfig used = local.scheduler().config();
        out.printf("serving %s (%s) on http://%s:%d/v1 (context %d, %d sequences, KV cache %d positions = %d MiB"
                        + " in blocks of %d, prefix caching %s)%n", local.name(), path.getFileName(), server.host(),
                local.port(), local.scheduler().contextLength(), used.maxSequences(), used.kvBudgetTokens(),
                (long) used.kvBudgetTokens() * local.model().kvShape().bytesPerToken() >> 20, used.kvBlockTokens(),
                used.prefixCaching() ? "on" : "off");
        out.flush();
        return new Running(local);
    }

    private static int positiveInt(Map<String, String> opts, String key, int fallback) {
        return intIn(opts, key, fallback, 1, Integer.MAX_VALUE);
    }

    private static int intIn(Map<String, String> opts, String key, int fallback, int min, int max) {
        String v = opts.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be an integer in [" + min + ", " + max + "], got '" + v + "'");
    }

    private static boolean onOff(Map<String, String> opts, String key, boolean fallback) {
        String v = opts.get(key);
        if (v == null) {
            return fallback;
        }
        return switch (v) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException(key + " must be 'on' or 'off', got '" + v + "'");
        };
    }

    private int usageError(PrintStream err, String problem) {
        err.println(name() + ": " + problem);
        err.println(Main.usageOf(this));
        return EXIT_USAGE;
    }
}
