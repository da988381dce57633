package dev.guild.bench.serving;

import static dev.guild.bench.serving.ServingWorkload.median;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.runtime.constrain.GrammarOptions;
import dev.guild.runtime.constrain.JsonGrammar;
import dev.guild.runtime.constrain.TokenMasker;
import dev.guild.runtime.constrain.ToolSchema;
import dev.guild.runtime.constrain.Vocabulary;
import dev.guild.runtime.generate.SamplingParams;
import dev.guild.runtime.kernel.KernelConfig;
import dev.guild.runtime.model.Model;
import dev.guild.runtime.model.ModelLoader;
import dev.guild.runtime.model.testing.TinyVocabulary;
import dev.guild.runtime.serve.Completion;
import dev.guild.runtime.serve.GenerationJob;
import dev.guild.runtime.serve.LogitsConstraint;
import dev.guild.runtime.serve.RequestHandle;
import dev.guild.runtime.serve.Scheduler;
import dev.guild.runtime.serve.SchedulerConfig;
import dev.guild.runtime.serve.TokenListener;
import dev.guild.runtime.tokenizer.Tokenizer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Serving benchmark (a harness, not a test): Guild's scheduler in this JVM, llama.cpp ({@code de.kherud:llama})
 * in a child JVM where it offers the same operation, on the model of {@link ServingWorkload}:
 * <ol>
 *   <li>aggregate generated tokens/s with 1, 4 and 16 concurrent requests ({@value ServingWorkload#SHORT_PROMPT}-token
 *       prompts, {@value ServingWorkload#DECODE} tokens each, greedy; wall time from submission to the last token);</li>
 *   <li>a replayed 10-step agent transcript (2,000 tokens of system prompt and tools, +200-400 per step,
 *       {@value ServingWorkload#STEP_OUTPUT} tokens generated per step): time to first token and total time,
 *       summed over the steps, with and without prefix caching;</li>
 *   <li>the per-token cost of constrained decoding: a Hermes tool call under the grammar of a realistic tool
 *       (mask + accept timed around every token) against the unconstrained decode step.</li>
 * </ol>
 * Usage: {@code java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar
 * dev.guild.bench.serving.ServingBenchmark MODEL_DIR [--threads N (all)] [--reps N (3)] [--skip-llama-cpp]}.
 */
public final class ServingBenchmark {

    private static final int EOS = TinyVocabulary.EOS;

    private ServingBenchmark() {
    }

    record Options(Path dir, int threads, int reps, boolean llamaCpp) {
        static Options parse(String[] args) {
            if (args.length == 0) {
                throw new IllegalArgumentException("usage: ServingBenchmark MODEL_DIR [--threads N] [--reps N]"
                        + " [--skip-llama-cpp]");
            }
            int threads = Runtime.getRuntime().availableProcessors();
            int reps = 3;
            boolean llama = true;
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "--threads" -> threads = Integer.parseInt(args[++i]);
                    case "--reps" -> reps = Integer.parseInt(args[++i]);
                    case "--skip-llama-cpp" -> llama = false;
                    default -> throw new IllegalArgumentException("unknown option '" + args[i]
                            + "'; use --threads N, --reps N or --skip-llama-cpp");
                }
            }
            return new Options(Path.of(args[0]), threads, reps, llama);
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Path file = ServingWorkload.ensureModel(o.dir());
        System.out.printf("load average at start: %s; %d threads, %d repetitions (medians)%n",
                ServingWorkload.loadAverage(), o.threads(), o.reps());
        List<String> report = new ArrayList<>();
        try (Model model = ModelLoader.open(file, KernelConfig.defaults().withThreads(o.threads()))) {
            Tokenizer tok = model.tokenizer().orElseThrow();
            concurrency(model, tok, o.reps(), report);
            replay(model, tok, o.reps(), report);
            constrained(model, tok, o.reps(), report);
        }
        if (o.llamaCpp()) {
            for (String mode : List.of("concurrency", "replay", "constrained")) {
                child(List.of(ServingLlamaCpp.class.getName(), mode, file.toString(), String.valueOf(o.threads()),
                        String.valueOf(o.reps())), report);
            }
        }
        System.out.printf("%nload average at end: %s%n", ServingWorkload.loadAverage());
        report.forEach(System.out::println);
    }

    private static GenerationJob job(int[] prompt, int max, Optional<LogitsConstraint> c, Set<Integer> stops,
                                     SamplingParams sampling) {
        return new GenerationJob(prompt, max, sampling, stops, c, TokenListener.NONE);
    }

    private static SchedulerConfig config(boolean prefixCaching) {
        return SchedulerConfig.DEFAULTS.withMaxSequences(16).withContextLength(8192).withKvBudgetTokens(65536)
                .withPrefixCaching(prefixCaching);
    }

    /** Generated tokens per second of wall time for {@code c} concurrent requests. */
    private static double aggregate(Scheduler s, Tokenizer tok, int c, int rep) throws Exception {
        List<RequestHandle> handles = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < c; i++) {
            int[] p = tok.encode(ServingWorkload.letters(1000L * rep + i, ServingWorkload.SHORT_PROMPT - 1), true, false);
            handles.add(s.submit(job(p, ServingWorkload.DECODE, Optional.empty(), Set.of(), SamplingParams.greedy())));
        }
        long tokens = 0;
        for (RequestHandle h : handles) {
            tokens += h.result().get(10, TimeUnit.MINUTES).tokens().length;
        }
        return tokens * 1e9 / (System.nanoTime() - t0);
    }

    private static void concurrency(Model model, Tokenizer tok, int reps, List<String> report) throws Exception {
        try (Scheduler s = new Scheduler(model, config(false))) {
            aggregate(s, tok, 4, -1); // warm-up: compiles the kernels at several batch sizes
            aggregate(s, tok, 16, -2);
            double single = 0;
            report.add("| engine | concurrent requests | aggregate tokens/s (median) | runs | vs 1 request |");
            report.add("|---|---|---|---|---|");
            for (int c : new int[] {1, 4, 16}) {
                double[] r = new double[reps];
                for (int rep = 0; rep < reps; rep++) {
                    r[rep] = aggregate(s, tok, c, rep);
                }
                double m = median(r);
                if (c == 1) {
                    single = m;
                }
                report.add("| Guild | %d | %.1f | %s | %.2fx |".formatted(c, m, list(r), m / single));
                System.out.printf("concurrency %d: %s tokens/s%n", c, list(r));
            }
        }
    }

    /** {total TTFT seconds, total seconds, prompt tokens prefilled} over the 10 steps. */
    private static double[] replayOnce(Scheduler s, List<int[]> prompts) throws Exception {
        double ttft = 0;
        double total = 0;
        long prefilledBefore = s.metrics().promptTokens();
        for (int[] p : prompts) {
            long t0 = System.nanoTime();
            Completion c = s.submit(job(p, ServingWorkload.STEP_OUTPUT, Optional.empty(), Set.of(),
                    SamplingParams.greedy())).result().get(10, TimeUnit.MINUTES);
            total += (System.nanoTime() - t0) / 1e9;
            ttft += c.firstTokenNanos() / 1e9;
        }
        return new double[] {ttft, total, s.metrics().promptTokens() - prefilledBefore};
    }

    private static void replay(Model model, Tokenizer tok, int reps, List<String> report) throws Exception {
        List<int[]> prompts = ServingWorkload.agentPrompts().stream().map(t -> tok.encode(t, true, false)).toList();
        report.add("");
        report.add("Agent replay: %d steps, prompts of %d to %d tokens, %d generated per step (sums over the steps)"
                .formatted(prompts.size(), prompts.getFirst().length, prompts.getLast().length,
                        ServingWorkload.STEP_OUTPUT));
        report.add("| engine | prefix caching | time to first token s (median) | total s (median) | prompt tokens"
                + " prefilled | runs (total s) |");
        report.add("|---|---|---|---|---|---|");
        double[][] medians = new double[2][];
        for (boolean caching : new boolean[] {false, true}) {
            double[] ttft = new double[reps];
            double[] total = new double[reps];
            double prefilled = 0;
            for (int rep = 0; rep < reps; rep++) {
                // a fresh scheduler per run: the prefix cache starts empty, as for a new agent run
                try (Scheduler s = new Scheduler(model, config(caching))) {
                    if (rep == 0 && !caching) {
                        replayOnce(s, prompts.subList(0, 2)); // warm-up
                    }
                }
                try (Scheduler s = new Scheduler(model, config(caching))) {
                    double[] r = replayOnce(s, prompts);
                    ttft[rep] = r[0];
                    total[rep] = r[1];
                    prefilled = r[2];
                    System.out.printf("replay caching=%s: TTFT %.2f s, total %.2f s%n", caching, r[0], r[1]);
                }
            }
            medians[caching ? 1 : 0] = new double[] {median(ttft), median(total)};
            report.add("| Guild | %s | %.2f | %.2f | %,d | %s |".formatted(caching ? "on" : "off", median(ttft),
                    median(total), (long) prefilled, list(total)));
        }
        report.add("| Guild | **speed-up** | **%.1fx** | **%.1fx** | | |".formatted(medians[0][0] / medians[1][0],
                medians[0][1] / medians[1][1]));
    }

    /** Times every mask and accept of a wrapped constraint. */
    private static final class Timed implements LogitsConstraint {
        private final LogitsConstraint inner;
        long nanos;
        int tokens;

        Timed(LogitsConstraint inner) {
            this.inner = inner;
        }

        @Override
        public void mask(float[] logits) {
            long t = System.nanoTime();
            inner.mask(logits);
            nanos += System.nanoTime() - t;
        }

        @Override
        public void accept(int token) {
            long t = System.nanoTime();
            inner.accept(token);
            nanos += System.nanoTime() - t;
            tokens++;
        }
    }

    static final String TOOL_SCHEMA = """
            {"type":"object","properties":{"city":{"type":"string","maxLength":40},
             "days":{"type":"integer","minimum":1,"maximum":14},"units":{"enum":["metric","imperial"]},
             "hourly":{"type":"boolean"}},"required":["city","days","units"],"additionalProperties":false}""";

    private static void constrained(Model model, Tokenizer tok, int reps, List<String> report) throws Exception {
        Vocabulary vocabulary = Vocabulary.of(tok);
        var schema = new ObjectMapper().readTree(TOOL_SCHEMA);
        TokenMasker masker = TokenMasker.create(JsonGrammar.toolCall(List.of(new ToolSchema("get_weather", schema),
                new ToolSchema("search", new ObjectMapper().readTree("{\"type\":\"object\",\"properties\":{\"query\":"
                        + "{\"type\":\"string\"}},\"required\":[\"query\"]}"))), "<tool_call>\n", "\n</tool_call>",
                GrammarOptions.DEFAULTS), vocabulary);
        int[] prompt = tok.encode(ServingWorkload.letters(77, 63), true, false);
        double[] free = new double[reps];
        double[] maskUs = new double[reps];
        double[] constrainedStep = new double[reps];
        try (Scheduler s = new Scheduler(model, config(false))) {
            for (int rep = -1; rep < reps; rep++) { // rep -1 warms the kernels and the masker's caches
                long decodeNanos = 0;
                int decoded = 0;
                long cNanos = 0;
                int cTokens = 0;
                long cDecodeNanos = 0;
                int cDecoded = 0;
                for (int i = 0; i < 8; i++) {
                    SamplingParams sampling = SamplingParams.DEFAULT.withTemperature(1f).withSeed(100 * rep + i);
                    long t0 = System.nanoTime();
                    Completion c = s.submit(job(prompt, 48, Optional.empty(), Set.of(), sampling)).result()
                            .get(10, TimeUnit.MINUTES);
                    decodeNanos += System.nanoTime() - t0 - c.firstTokenNanos();
                    decoded += c.tokens().length - 1;
                    Timed timed = new Timed(LogitsConstraint.grammar(masker.newMatcher(), vocabulary));
                    t0 = System.nanoTime();
                    c = s.submit(job(prompt, 200, Optional.of(timed), Set.of(EOS), sampling)).result()
                            .get(10, TimeUnit.MINUTES);
                    cDecodeNanos += System.nanoTime() - t0 - c.firstTokenNanos();
                    cDecoded += c.tokens().length - 1;
                    cNanos += timed.nanos;
                    cTokens += timed.tokens;
                }
                if (rep >= 0) {
                    free[rep] = decodeNanos / 1e6 / decoded;
                    constrainedStep[rep] = cDecodeNanos / 1e6 / cDecoded;
                    maskUs[rep] = cNanos / 1e3 / cTokens;
                    System.out.printf("constrained: free %.2f ms/token, constrained %.2f ms/token, mask+accept %.1f"
                            + " us/token (%d constrained tokens)%n", free[rep], constrainedStep[rep], maskUs[rep], cTokens);
                }
            }
        }
        report.add("");
        report.add("Constrained decoding (Hermes tool call of 2 tools, vocabulary %,d; 8 calls per run, temperature 1)"
                .formatted(vocabulary.size()));
        report.add("| engine | free decode ms/token | constrained decode ms/token | mask + accept us/token | overhead"
                + " (mask + accept / free step) |");
        report.add("|---|---|---|---|---|");
        report.add("| Guild | %.2f | %.2f | %.1f | %.1f%% |".formatted(median(free), median(constrainedStep),
                median(maskUs), 100 * median(maskUs) / 1e3 / median(free)));
    }

    static String list(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (double d : v) {
            sb.append(sb.isEmpty() ? "" : ", ").append("%.2f".formatted(d));
        }
        return sb.toString();
    }

    /** Runs a child JVM on this classpath and appends its REPORT lines. */
    private static void child(List<String> args, List<String> report) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path")));
        cmd.addAll(args);
        System.out.println("> " + String.join(" ", args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                System.out.println("  " + line);
                if (line.startsWith("REPORT ")) {
                    report.add(line.substring(7));
                }
            }
        }
        int rc = p.waitFor();
        if (rc != 0) {
            report.add("llama.cpp " + args.get(1) + ": the child JVM exited with " + rc + " (output above)");
        }
    }
}
