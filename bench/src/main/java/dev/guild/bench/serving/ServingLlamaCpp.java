package dev.guild.bench.serving;

import static dev.guild.bench.serving.ServingWorkload.median;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LogLevel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.LogFormat;
import dev.guild.runtime.model.testing.TinyVocabulary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * llama.cpp's side of {@link ServingBenchmark}, in its own JVM (it leaves native threads behind):
 * {@code concurrency|replay|constrained MODEL THREADS REPS}. Prints {@code REPORT} table rows.
 * <ul>
 *   <li>concurrency: 16 slots with continuous batching, requests from as many Java threads;</li>
 *   <li>replay: the same 10 prompts in one slot with {@code cache_prompt} on (the slot keeps the previous
 *       prompt's KV and evaluates only the new suffix) and off;</li>
 *   <li>constrained: a GBNF grammar of the same tool call against free sampling.</li>
 * </ul>
 */
public final class ServingLlamaCpp {

    private ServingLlamaCpp() {
    }

    public static void main(String[] args) throws Exception {
        LlamaModel.setLogger(LogFormat.TEXT, (level, message) -> {
            if (level == LogLevel.ERROR) {
                System.err.print("llama.cpp: " + message);
            }
        });
        String mode = args[0];
        Path file = Path.of(args[1]);
        int threads = Integer.parseInt(args[2]);
        int reps = Integer.parseInt(args[3]);
        switch (mode) {
            case "concurrency" -> concurrency(file, threads, reps);
            case "replay" -> replay(file, threads, reps);
            case "constrained" -> constrained(file, threads, reps);
            default -> throw new IllegalArgumentException("unknown mode '" + mode + "'; use concurrency, replay or"
                    + " constrained");
        }
        System.out.flush();
        System.exit(0);
    }

    private static ModelParameters params(Path file, int threads, int ctx, int parallel) {
        return new ModelParameters().setModel(file.toString()).setCtxSize(ctx).setThreads(threads)
                .setThreadsBatch(threads).setGpuLayers(0).setParallel(parallel).enableContBatching();
    }

    private static InferenceParameters greedy(String prompt, int tokens, boolean cache) {
        return new InferenceParameters(prompt).setTemperature(0f).setTopK(1).setNPredict(tokens).setIgnoreEos(true)
                .setCachePrompt(cache).disableTokenIds(List.of(TinyVocabulary.BOS, TinyVocabulary.EOS));
    }

    /** {start, first token, end} nanos and the tokens streamed. */
    private static long[] stream(LlamaModel model, InferenceParameters p) {
        long start = System.nanoTime();
        long first = -1;
        long n = 0;
        LlamaIterator it = model.generate(p).iterator();
        while (it.hasNext()) {
            it.next();
            if (!it.hasNext()) {
                break; // the final message carries no new token
            }
            if (first < 0) {
                first = System.nanoTime();
            }
            n++;
        }
        return new long[] {start, first, System.nanoTime(), n};
    }

    private static void concurrency(Path file, int threads, int reps) throws Exception {
        int slots = 16;
        try (LlamaModel model = new LlamaModel(params(file, threads, slots * 256, slots));
             ExecutorService pool = Executors.newFixedThreadPool(slots)) {
            double single = 0;
            for (int c : new int[] {1, 4, 16}) {
                double[] r = new double[reps];
                for (int rep = -1; rep < reps; rep++) {
                    long t0 = System.nanoTime();
                    List<Future<long[]>> fs = new ArrayList<>();
                    for (int i = 0; i < c; i++) {
                        String prompt = ServingWorkload.letters(1000L * rep + i, ServingWorkload.SHORT_PROMPT - 1);
                        fs.add(pool.submit(() -> stream(model, greedy(prompt, ServingWorkload.DECODE, false))));
                    }
                    long tokens = 0;
                    for (Future<long[]> f : fs) {
                        tokens += f.get()[3];
                    }
                    if (rep >= 0) {
                        r[rep] = tokens * 1e9 / (System.nanoTime() - t0);
                    }
                }
                double m = median(r);
                if (c == 1) {
                    single = m;
                }
                System.out.println("REPORT | llama.cpp | %d | %.1f | %s | %.2fx |".formatted(c, m,
                        ServingBenchmark.list(r), m / single));
            }
        }
    }

    private static void replay(Path file, int threads, int reps) {
        List<String> prompts = ServingWorkload.agentPrompts();
        try (LlamaModel model = new LlamaModel(params(file, threads, 8192, 1))) {
            stream(model, greedy(prompts.getFirst().substring(0, 500), 4, false)); // warm-up
            double[][] medians = new double[2][];
            for (boolean cache : new boolean[] {false, true}) {
                double[] ttft = new double[reps];
                double[] total = new double[reps];
                for (int rep = 0; rep < reps; rep++) {
                    stream(model, greedy(ServingWorkload.letters(999 + rep, 64), 1, false)); // an unrelated prompt first
                    for (String p : prompts) {
                        long[] t = stream(model, greedy(p, ServingWorkload.STEP_OUTPUT, cache));
                        ttft[rep] += (t[1] - t[0]) / 1e9;
                        total[rep] += (t[2] - t[0]) / 1e9;
                    }
                }
                medians[cache ? 1 : 0] = new double[] {median(ttft), median(total)};
                System.out.println("REPORT | llama.cpp | %s (cache_prompt) | %.2f | %.2f | | %s |".formatted(
                        cache ? "on" : "off", median(ttft), median(total), ServingBenchmark.list(total)));
            }
            System.out.println("REPORT | llama.cpp | **speed-up** | **%.1fx** | **%.1fx** | | |".formatted(
                    medians[0][0] / medians[1][0], medians[0][1] / medians[1][1]));
        }
    }

    /** The Hermes call of ServingBenchmark's get_weather tool as GBNF (the search tool left out). */
    private static final String GRAMMAR = """
            root ::= "<tool_call>\\n{\\"name\\": \\"get_weather\\", \\"arguments\\": {\\"city\\": " str ", \\"days\\": " days ", \\"units\\": " units hourly "}}\\n</tool_call>"
            str ::= "\\"" [a-zA-Z ]{0,40} "\\""
            days ::= [1-9] | "1" [0-4]
            units ::= "\\"metric\\"" | "\\"imperial\\""
            hourly ::= "" | ", \\"hourly\\": " ("true" | "false")
            """;

    private static void constrained(Path file, int threads, int reps) {
        String prompt = ServingWorkload.letters(77, 63);
        try (LlamaModel model = new LlamaModel(params(file, threads, 1024, 1))) {
            double[] free = new double[reps];
            double[] constrained = new double[reps];
            for (int rep = -1; rep < reps; rep++) {
                long freeNanos = 0;
                long freeTokens = 0;
                long cNanos = 0;
                long cTokens = 0;
                for (int i = 0; i < 8; i++) {
                    InferenceParameters f = new InferenceParameters(prompt).setTemperature(1f).setSeed(100 * rep + i)
                            .setNPredict(48).setIgnoreEos(true).setCachePrompt(false);
                    long[] t = stream(model, f);
                    freeNanos += t[2] - t[1];
                    freeTokens += t[3] - 1;
                    InferenceParameters g = new InferenceParameters(prompt).setTemperature(1f).setSeed(100 * rep + i)
                            .setNPredict(200).setCachePrompt(false).setGrammar(GRAMMAR);
                    t = stream(model, g);
                    cNanos += t[2] - t[1];
                    cTokens += t[3] - 1;
                }
                if (rep >= 0) {
                    free[rep] = freeNanos / 1e6 / freeTokens;
                    constrained[rep] = cNanos / 1e6 / cTokens;
                }
            }
            System.out.println("REPORT | llama.cpp (GBNF) | %.2f | %.2f | | %.1f%% (constrained - free step) |".formatted(
                    median(free), median(constrained), 100 * (median(constrained) - median(free)) / median(free)));
        }
    }
}
