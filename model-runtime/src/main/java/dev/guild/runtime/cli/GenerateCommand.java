package dev.guild.runtime.cli;

import dev.guild.runtime.generate.GenerationRequest;
import dev.guild.runtime.generate.GenerationResult;
import dev.guild.runtime.generate.Generator;
import dev.guild.runtime.generate.SamplingParams;
import dev.guild.runtime.gguf.GgufFormatException;
import dev.guild.runtime.kernel.KernelConfig;
import dev.guild.runtime.model.ContextLimitException;
import dev.guild.runtime.model.Model;
import dev.guild.runtime.model.ModelLoadException;
import dev.guild.runtime.model.ModelLoader;
import dev.guild.runtime.tokenizer.StreamingDecoder;
import dev.guild.runtime.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code generate --model f.gguf --prompt "..."}: tokenizes the prompt with the model's own
 * tokenizer, generates (streaming the text as it comes) and reports prompt and generation speed.
 */
public final class GenerateCommand implements Command {

    static final int DEFAULT_MAX_TOKENS = 128;
    static final int DEFAULT_CONTEXT = 4096;

    private static final Set<String> OPTIONS = Set.of("--model", "--prompt", "--max-tokens", "--temperature",
            "--top-k", "--top-p", "--min-p", "--repeat-penalty", "--seed", "--threads", "--context");

    @Override
    public String name() {
        return "generate";
    }

    @Override
    public String summary() {
        return "generate text from a prompt with a GGUF model, streaming tokens and reporting tokens/s";
    }

    @Override
    public String usage() {
        SamplingParams d = SamplingParams.DEFAULT;
        return "--model <file.gguf> --prompt <text> [options]\n"
                + "  --max-tokens N      tokens to generate (default " + DEFAULT_MAX_TOKENS + ")\n"
                + "  --temperature T     0 = greedy (default " + d.temperature() + ")\n"
                + "  --top-k K           0 = off (default " + d.topK() + ")\n"
                + "  --top-p P           1 = off (default " + d.topP() + ")\n"
                + "  --min-p P           0 = off (default " + d.minP() + ")\n"
                + "  --repeat-penalty R  1 = off (default " + d.repetitionPenalty() + ", last " + d.repeatLastN() + " tokens)\n"
                + "  --seed S            sampling seed (default " + d.seed() + ")\n"
                + "  --threads N         compute threads (default: all processors)\n"
                + "  --context N         context limit in tokens, prompt included (default " + DEFAULT_CONTEXT
                + ", at most the model's)";
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
            return usageError(err, "missing --model <file.gguf>");
        }
        if (!opts.containsKey("--prompt")) {
            return usageError(err, "missing --prompt <text>");
        }
        SamplingParams sampling;
        int maxTokens;
        int threads;
        int context;
        try {
            SamplingParams d = SamplingParams.DEFAULT;
            maxTokens = positiveInt(opts, "--max-tokens", DEFAULT_MAX_TOKENS);
            context = positiveInt(opts, "--context", DEFAULT_CONTEXT);
            threads = positiveInt(opts, "--threads", Runtime.getRuntime().availableProcessors());
            sampling = new SamplingParams(number(opts, "--temperature", d.temperature()),
                    (int) number(opts, "--top-k", d.topK()), number(opts, "--top-p", d.topP()),
                    number(opts, "--min-p", d.minP()), number(opts, "--repeat-penalty", d.repetitionPenalty()),
                    d.repeatLastN(), (long) number(opts, "--seed", d.seed()));
        } catch (IllegalArgumentException e) {
            return usageError(err, e.getMessage());
        }
        Path path = Path.of(opts.get("--model"));
        if (!Files.isRegularFile(path)) {
            err.println(name() + ": no such file: " + path);
            return EXIT_FAILURE;
        }
        try (Model model = ModelLoader.open(path, KernelConfig.defaults().withThreads(threads))) {
            Tokenizer tokenizer = model.tokenizer().orElseThrow(() -> new ModelLoadException(
                    path + " has no tokenizer metadata (tokenizer.ggml.*); generate needs one to read the prompt"));
            int[] prompt = tokenizer.encode(opts.get("--prompt"), true, true);
            var request = new GenerationRequest(prompt, maxTokens, sampling, tokenizer.eogIds(), Set.of(), context);
            StreamingDecoder decoder = tokenizer.streamingDecoder(false);
            GenerationResult r = Generator.generate(model, request, id -> {
                out.print(decoder.push(id));
                out.flush();
            });
            out.println(decoder.finish());
            err.printf("prompt: %d tokens, %.1f tokens/s; generated: %d tokens, %.1f tokens/s; stopped: %s%n",
                    r.promptTokens(), r.promptTokensPerSecond(), r.tokens().length, r.generationTokensPerSecond(),
                    r.stopReason().name().toLowerCase(java.util.Locale.ROOT));
            return EXIT_OK;
        } catch (ContextLimitException e) {
            err.println(name() + ": " + e.getMessage() + " (--context)");
            return EXIT_FAILURE;
        } catch (ModelLoadException | GgufFormatException e) {
            err.println(name() + ": " + e.getMessage());
            return EXIT_FAILURE;
        } catch (IOException e) {
            err.println(name() + ": cannot read " + path + ": " + e);
            return EXIT_FAILURE;
        }
    }

    private static int positiveInt(Map<String, String> opts, String key, int fallback) {
        String v = opts.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be a positive integer, got '" + v + "'");
    }

    private static float number(Map<String, String> opts, String key, float fallback) {
        String v = opts.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Float.parseFloat(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + v + "'");
        }
    }

    private int usageError(PrintStream err, String problem) {
        err.println(name() + ": " + problem);
        err.println(Main.usageOf(this));
        return EXIT_USAGE;
    }
}
