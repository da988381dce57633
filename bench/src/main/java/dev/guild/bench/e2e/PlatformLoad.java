package dev.guild.bench.e2e;

import com.standardwebhooks.Webhook;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End-to-end load on the whole platform (not a test): starts the packaged jar on embedded Temporal, Kafka and
 * PostgreSQL with an instant scripted model on loopback, fires signed webhooks with bounded concurrency, follows
 * {@code guild.run-events}, and prints accepted/s, completed runs/s, latency from the 202 to {@code run.completed}
 * (HdrHistogram) and whether every accepted webhook produced exactly one completed run.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.guild.bench.e2e.PlatformLoad --runs=2000 --concurrency=64</pre>
 *
 * Options (defaults): {@code --runs=2000} measured runs, {@code --warmup=300} runs before them,
 * {@code --concurrency=64} webhooks in flight at most, {@code --rate=0} webhooks per second at most (0: as fast as
 * the concurrency allows; a rate below capacity measures latency rather than queueing), {@code --mode=tool}
 * (model: tool call, then final answer; {@code direct}: final answer at once),
 * {@code --jar=server/target/quarkus-app/quarkus-run.jar}, {@code --jvm="-Xmx2g"} options of the platform JVM (space-separated), {@code --set=key=value,...} extra platform
 * settings, {@code --log=bench/target/e2e-platform.log}, {@code --timeout=180} seconds to wait for completions.
 */
public final class PlatformLoad {
    private static final String TRIGGER = "load";
    private static final Pattern RUN_ID = Pattern.compile("\"runId\"\\s*:\\s*\"([^\"]+)\"");

    private final Map<String, String> options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Webhook signer;
    private final String secret;
    private int rate;

    private PlatformLoad(Map<String, String> options) {
        this.options = options;
        byte[] key = new byte[32];
        new Random(20261125L).nextBytes(key); // a fixed, bench-only secret
        this.secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        try {
            this.signer = new Webhook(secret);
        } catch (Exception e) {
            throw new IllegalStateException("the bench secret is not a valid Standard Webhooks secret: " + e.getMessage(), e);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new TreeMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                System.err.println("unknown argument '" + arg + "'; use --name=value (see the class Javadoc)");
                System.exit(2);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        new PlatformLoad(options).run();
    }

    private String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    private int intOption(String name, int fallback, int min, int max) {
        int value;
        try {
            value = Integer.parseInt(option(name, String.valueOf(fallback)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + "=" + options.get(name) + " is not a number");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("--" + name + "=" + value + " is out of range " + min + ".." + max);
        }
        return value;
    }

    private void run() throws Exception {
        int runs = intOption("runs", 2000, 1, 1_000_000);
        int warmup = intOption("warmup", 300, 0, 1_000_000);
        int concurrency = intOption("concurrency", 64, 1, 4096);
        int timeoutSeconds = intOption("timeout", 180, 1, 86_400);
        rate = intOption("rate", 0, 0, 100_000);
        String mode = option("mode", "tool");
        if (!mode.equals("tool") && !mode.equals("direct")) {
            throw new IllegalArgumentException("--mode=" + mode + ": use tool (tool call, then answer) or direct");
        }
        Path jar = Path.of(option("jar", "server/target/quarkus-app/quarkus-run.jar"));
        Path log = Path.of(option("log", "bench/target/e2e-platform.log"));
        Files.createDirectories(log.toAbsolutePath().getParent());
        Path work = Files.createTempDirectory("guild-e2e-");
        Path definitions = Files.createDirectories(work.resolve("definitions"));
        try (InputStream in = PlatformLoad.class.getResourceAsStream("/e2e/load-agent.yaml")) {
            Files.copy(in, definitions.resolve("load-agent.yaml"));
        }
        List<String> jvm = List.of(option("jvm", "-Xmx2g").trim().split("\\s+"));

        try (InstantModelServer model = new InstantModelServer(mode.equals("tool"))) {
            List<String> settings = new ArrayList<>(List.of("guild.data-dir=" + work.resolve("data"),
                    "guild.ephemeral=true", "guild.temporal.port=0", "guild.kafka.port=0",
                    "guild.kafka.controller-port=0", "guild.postgres.port=0", "quarkus.http.port=0",
                    "guild.workflows.dir=" + definitions, "guild.triggers." + TRIGGER + ".workflow=load-agent",
                    "guild.triggers." + TRIGGER + ".secret=" + secret, "guild.model.base-url=" + model.baseUrl()));
            for (String extra : option("set", "").split(",")) {
                if (!extra.isBlank()) {
                    settings.add(extra.trim());
                }
            }
            long started = System.nanoTime();
            try (PlatformProcess platform = PlatformProcess.start(jar, log, jvm, settings)) {
                int port = platform.awaitHttpPort(Duration.ofMinutes(3));
                String kafka = platform.kafkaBootstrap(Duration.ofSeconds(10));
                System.out.printf("platform pid %d up in %.1f s (HTTP 127.0.0.1:%d, Kafka %s, log %s)%n", platform.pid(),
                        (System.nanoTime() - started) / 1e9, port, kafka, log);
                URI hook = URI.create("http://127.0.0.1:" + port + "/hooks/" + TRIGGER);
                try (RunCompletions completions = new RunCompletions(kafka)) {
                    if (warmup > 0) {
                        Round round = fire(hook, "warm", warmup, concurrency, completions, Duration.ofSeconds(timeoutSeconds));
                        System.out.printf("warm-up: %d runs, %d completed%n", warmup, round.completed());
                    }
                    long modelBefore = model.requests();
                    Duration cpuBefore = platform.cpuTime();
                    Round round = fire(hook, "run", runs, concurrency, completions, Duration.ofSeconds(timeoutSeconds));
                    Duration cpu = platform.cpuTime().minus(cpuBefore);
                    report(round, runs, warmup, concurrency, mode, jvm, model.requests() - modelBefore, model.rejected(), cpu);
                }
            }
        } finally {
            deleteTree(work);
        }
    }

    /** What one round of deliveries gave. */
    private record Round(long firstSend, long lastAccept, long lastCompletion, Map<String, Long> accepted,
                         Map<Integer, Integer> refusals, int completed, int failed, int duplicates, Histogram latency,
                         Histogram toStart) {
    }

    private Round fire(URI hook, String prefix, int count, int concurrency, RunCompletions completions, Duration timeout)
            throws Exception {
        Map<String, Long> accepted = new ConcurrentHashMap<>();
        Map<Integer, Integer> refusals = new ConcurrentHashMap<>();
        Semaphore inFlight = new Semaphore(concurrency);
        long firstSend = System.nanoTime();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                if (rate > 0) {
                    long due = firstSend + i * 1_000_000_000L / rate;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                inFlight.acquire();
                String id = prefix + "_" + i;
                String body = "{\"n\":" + i + "}";
                senders.submit(() -> {
                    try {
                        HttpResponse<String> response = send(hook, id, body);
                        Matcher m = RUN_ID.matcher(response.body());
                        if (response.statusCode() == 202 && m.find()) {
                            accepted.put(m.group(1), System.nanoTime());
                        } else {
                            refusals.merge(response.statusCode(), 1, Integer::sum);
                        }
                    } catch (Exception e) {
                        refusals.merge(-1, 1, Integer::sum);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        long lastAccept = accepted.values().stream().mapToLong(Long::longValue).max().orElse(firstSend);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && accepted.keySet().stream().anyMatch(r -> completions.terminal(r) == null)) {
            Thread.sleep(20);
        }
        Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        Histogram toStart = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        int completed = 0;
        int failed = 0;
        int duplicates = 0;
        long lastCompletion = firstSend;
        for (Map.Entry<String, Long> run : accepted.entrySet()) {
            RunCompletions.Terminal terminal = completions.terminal(run.getKey());
            if (terminal == null) {
                continue;
            }
            if (terminal.eventIds().size() > 1) {
                duplicates++;
            }
            if (terminal.type().equals("run.completed")) {
                completed++;
                latency.recordValue(Math.max(0, (terminal.arrivedNanos() - run.getValue()) / 1000));
                Long started = completions.started(run.getKey());
                if (started != null) {
                    toStart.recordValue(Math.max(0, (started - run.getValue()) / 1000));
                }
                lastCompletion = Math.max(lastCompletion, terminal.arrivedNanos());
            } else {
                failed++;
            }
        }
        return new Round(firstSend, lastAccept, lastCompletion, accepted, refusals, completed, failed, duplicates, latency, toStart);
    }

    private HttpResponse<String> send(URI hook, String id, String body) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        HttpRequest request = HttpRequest.newBuilder(hook).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(now))
                .header("webhook-signature", signer.sign(id, now, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private void report(Round r, int runs, int warmup, int concurrency, String mode, List<String> jvm,
                               long modelRequests, long modelRejected, Duration platformCpu) {
        double acceptSeconds = (r.lastAccept() - r.firstSend()) / 1e9;
        double completeSeconds = (r.lastCompletion() - r.firstSend()) / 1e9;
        int missing = r.accepted().size() - r.completed() - r.failed();
        boolean exactlyOnce = missing == 0 && r.failed() == 0 && r.duplicates() == 0 && r.refusals().isEmpty();
        Histogram h = r.latency();
        System.out.println();
        System.out.println("Guild end-to-end load (dev.guild.bench.e2e.PlatformLoad)");
        System.out.printf("  runs %d (+%d warm-up), concurrency %d, rate %s, model %s, platform JVM %s, %d CPUs%n", runs, warmup,
                concurrency, rate == 0 ? "unpaced" : rate + "/s", mode.equals("tool") ? "tool call + final answer (2 model calls, 1 tool call per run)"
                        : "final answer (1 model call per run)", String.join(" ", jvm),
                Runtime.getRuntime().availableProcessors());
        System.out.printf("  accepted    %d/%d in %.2f s  -> %.0f accepted/s   (refused: %s)%n", r.accepted().size(), runs,
                acceptSeconds, r.accepted().size() / Math.max(acceptSeconds, 1e-9), r.refusals().isEmpty() ? "none" : r.refusals());
        System.out.printf("  completed   %d/%d in %.2f s  -> %.0f runs/s%n", r.completed(), r.accepted().size(),
                completeSeconds, r.completed() / Math.max(completeSeconds, 1e-9));
        System.out.printf("  202 -> run.completed (ms): p50 %.0f  p90 %.0f  p99 %.0f  max %.0f%n",
                h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getMaxValue() / 1e3);
        Histogram s = r.toStart();
        System.out.printf("  of which 202 -> run.started (dispatch): p50 %.0f  p99 %.0f%n", s.getValueAtPercentile(50) / 1e3,
                s.getValueAtPercentile(99) / 1e3);
        System.out.printf("  exactly one completed run per accepted webhook: %s (missing %d, failed %d, duplicate terminal events %d)%n",
                exactlyOnce ? "YES" : "NO", missing, r.failed(), r.duplicates());
        System.out.printf("  model requests %d (rejected %d)%n", modelRequests, modelRejected);
        System.out.printf("  platform CPU %.1f s for the round -> %.1f ms per completed run (load-independent cost)%n",
                platformCpu.toMillis() / 1e3, platformCpu.toMillis() / (double) Math.max(1, r.completed()));
        if (!exactlyOnce) {
            System.exit(1);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
