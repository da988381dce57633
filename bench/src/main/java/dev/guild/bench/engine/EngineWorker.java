package dev.guild.bench.engine;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LogLevel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.LogFormat;
import dev.guild.runtime.generate.GenerationRequest;
import dev.guild.runtime.generate.GenerationResult;
import dev.guild.runtime.generate.Generator;
import dev.guild.runtime.generate.SamplingParams;
import dev.guild.runtime.kernel.KernelConfig;
import dev.guild.runtime.model.Model;
import dev.guild.runtime.model.ModelLoader;
import dev.guild.runtime.model.testing.TinyVocabulary;
import dev.guild.runtime.tensor.GgmlType;
import dev.guild.runtime.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * One engine in its own JVM, so that its resident memory is its own. Modes:
 * <ul>
 *   <li>{@code guild MODEL THREADS REPS PROMPT_TOKENS DECODE_TOKENS CONTEXT}</li>
 *   <li>{@code llama.cpp MODEL THREADS REPS PROMPT_TOKENS DECODE_TOKENS CONTEXT}</li>
 *   <li>{@code jvm}: nothing, to show what an idle JVM holds</li>
 *   <li>{@code generate DIR TYPE...}: write the cached benchmark models</li>
 * </ul>
 * Prints one line {@code RESULT key=value ...} with the prefill and decode tokens/s of every repetition
 * (after one shorter warm-up) and the peak resident set ({@code VmHWM}) at the end.
 */
public final class EngineWorker {

    /** Decode starts after this short prompt. */
    static final String SHORT_PROMPT = "The quick brown fox";
    /** Capital letters that appear in no merge of {@link TinyVocabulary}: each is one token. */
    private static final String UNMERGED = "BCDEFGHIJKLMNOPQRUVWXYZ";
    /** Tokens decoded by the warm-up run (which also prefills a quarter of the prompt). */
    private static final int WARM_UP_DECODE = 16;

    private EngineWorker() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: EngineWorker guild|llama.cpp|jvm|generate ...");
        }
        switch (args[0]) {
            case "jvm" -> System.out.println("RESULT engine=jvm " + memory());
            case "generate" -> BenchModel.generateMissing(Path.of(args[1]),
                    Arrays.stream(args, 2, args.length).map(GgmlType::valueOf).toList());
            case "guild", "llama.cpp" -> {
                if (args.length != 7) {
                    throw new IllegalArgumentException("expected " + args[0]
                            + " MODEL THREADS REPS PROMPT_TOKENS DECODE_TOKENS CONTEXT, got " + Arrays.toString(args));
                }
                Run run = new Run(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                        Integer.parseInt(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]));
                List<double[]> results = args[0].equals("guild") ? guild(run) : llamaCpp(run);
                System.out.println("RESULT engine=" + args[0] + " prefill=" + join(results, 0) + " decode="
                        + join(results, 1) + " distinct=" + (int) results.getLast()[2] + " " + memory());
            }
            default -> throw new IllegalArgumentException("unknown mode '" + args[0]
                    + "'; use guild, llama.cpp, jvm or generate");
        }
        System.out.flush();
        System.exit(0); // llama.cpp leaves native threads behind that keep the JVM alive
    }

    /** What one engine process measures. */
    record Run(Path model, int threads, int reps, int promptTokens, int decodeTokens, int context) {
    }

    /** A prompt of {@code chars} single-token letters (BOS comes on top). */
    static String longPrompt(int chars) {
        SplittableRandom rnd = new SplittableRandom(7);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < chars; i++) {
            sb.append(UNMERGED.charAt(rnd.nextInt(UNMERGED.length())));
        }
        return sb.toString();
    }

    /** Per repetition: {prefill tokens/s, decode tokens/s, distinct generated tokens}. */
    private static List<double[]> guild(Run run) throws IOException {
        try (Model model = ModelLoader.open(run.model(), KernelConfig.defaults().withThreads(run.threads()))) {
            Tokenizer tok = model.tokenizer().orElseThrow();
            int[] prompt = tok.encode(longPrompt(run.promptTokens() - 1), true, false);
            int[] shortPrompt = tok.encode(SHORT_PROMPT, true, false);
            if (prompt.length != run.promptTokens()) {
                throw new IllegalStateException("the long prompt has " + prompt.length + " tokens, expected "
                        + run.promptTokens());
            }
            Set<Integer> suppressed = Set.of(TinyVocabulary.BOS, TinyVocabulary.EOS);
            List<double[]> out = new ArrayList<>();
            for (int rep = -1; rep < run.reps(); rep++) {
                // the warm-up (rep -1) runs a quarter of the prompt and a few tokens: enough to compile the kernels
                int[] p0 = rep < 0 ? Arrays.copyOf(prompt, prompt.length / 4) : prompt;
                int decode = rep < 0 ? WARM_UP_DECODE : run.decodeTokens();
                GenerationResult p = Generator.generate(model, new GenerationRequest(p0, 1,
                        SamplingParams.greedy(), Set.of(), suppressed, run.context()), t -> { });
                GenerationResult d = Generator.generate(model, new GenerationRequest(shortPrompt, decode,
                        SamplingParams.greedy(), Set.of(), suppressed, run.context()), t -> { });
                if (d.tokens().length != decode) {
                    throw new IllegalStateException("Guild generated " + d.tokens().length + " tokens");
                }
                long distinct = Arrays.stream(d.tokens()).distinct().count();
                if (rep >= 0) {
                    out.add(new double[] {p.promptTokensPerSecond(), d.generationTokensPerSecond(), distinct});
                }
            }
            return out;
        }
    }

    private static List<double[]> llamaCpp(Run run) {
        LlamaModel.setLogger(LogFormat.TEXT, (level, message) -> {
            if (level == LogLevel.ERROR) {
                System.err.print("llama.cpp: " + message);
            }
        });
        ModelParameters params = new ModelParameters().setModel(run.model().toString()).setCtxSize(run.context())
                .setThreads(run.threads()).setThreadsBatch(run.threads()).setGpuLayers(0);
        try (LlamaModel model = new LlamaModel(params)) {
            String prompt = longPrompt(run.promptTokens() - 1);
            if (model.encode(prompt).length != run.promptTokens() - 1) {
                throw new IllegalStateException("llama.cpp splits the long prompt into " + model.encode(prompt).length
                        + " tokens, expected " + (run.promptTokens() - 1) + " (+ BOS)");
            }
            List<double[]> out = new ArrayList<>();
            for (int rep = -1; rep < run.reps(); rep++) {
                String p0 = rep < 0 ? prompt.substring(0, prompt.length() / 4) : prompt;
                int tokens = rep < 0 ? WARM_UP_DECODE : run.decodeTokens();
                long[] p = stream(model, p0, 1);
                long[] d = stream(model, SHORT_PROMPT, tokens);
                double prefill = run.promptTokens() * 1e9 / (p[1] - p[0]);
                double decode = (tokens - 1) * 1e9 / (d[tokens] - d[1]);
                if (rep >= 0) {
                    out.add(new double[] {prefill, decode, d[d.length - 1]});
                }
            }
            return out;
        }
    }

    /**
     * Greedy generation of {@code tokens} streamed tokens.
     *
     * @return the start time, the arrival time of each token, then the number of distinct token texts
     */
    private static long[] stream(LlamaModel model, String prompt, int tokens) {
        InferenceParameters inference = new InferenceParameters(prompt).setTemperature(0f).setTopK(1)
                .setNPredict(tokens).setIgnoreEos(true).setCachePrompt(false)
                .disableTokenIds(List.of(TinyVocabulary.BOS, TinyVocabulary.EOS));
        long[] times = new long[tokens + 2];
        Set<String> texts = new HashSet<>();
        int n = 0;
        times[0] = System.nanoTime();
        LlamaIterator it = model.generate(inference).iterator();
        while (it.hasNext()) {
            var piece = it.next();
            if (!it.hasNext()) {
                break; // the final message carries no new token
            }
            if (n == tokens) {
                throw new IllegalStateException("llama.cpp streamed more than " + tokens + " tokens");
            }
            times[++n] = System.nanoTime();
            texts.add(piece.text);
        }
        if (n != tokens) {
            throw new IllegalStateException("llama.cpp streamed " + n + " tokens, expected " + tokens);
        }
        times[tokens + 1] = texts.size();
        return times;
    }

    private static String join(List<double[]> results, int column) {
        return results.stream().map(r -> String.format(Locale.ROOT, "%.3f", r[column]))
                .collect(Collectors.joining(","));
    }

    /** {@code hwm_kb=... rss_kb=...} from /proc/self/status. */
    static String memory() throws IOException {
        long hwm = -1;
        long rss = -1;
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                hwm = kb(line);
            } else if (line.startsWith("VmRSS:")) {
                rss = kb(line);
            }
        }
        return "hwm_kb=" + hwm + " rss_kb=" + rss;
    }

    private static long kb(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
