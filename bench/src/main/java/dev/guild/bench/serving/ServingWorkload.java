package dev.guild.bench.serving;

import dev.guild.runtime.model.testing.ModelShape;
import dev.guild.runtime.model.testing.RandomModel;
import dev.guild.runtime.model.testing.TinyVocabulary;
import dev.guild.runtime.tensor.GgmlType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What both engines of the serving benchmark run: the model (a seeded random granitemoe with a realistic
 * MoE shape, small enough to run in minutes: hidden 512, 8 layers, 8 query and 4 key/value heads of 64,
 * 32 experts of width 256 with 8 used per token, the 49,155-token padded vocabulary, tied output, Q8_0)
 * and the prompts, as text made of capital letters that no merge of {@link TinyVocabulary} joins, so that
 * every letter is one token for both tokenizers.
 */
final class ServingWorkload {

    static final ModelShape SHAPE = new ModelShape("granitemoe", 512, 8, 8, 4, 512, 32, 8, 256, 8192, true,
            ModelShape.Variant.DEFAULT);
    static final int VOCAB = 49_155;
    static final long SEED = 41;
    private static final int VERSION = 1;
    private static final String LETTERS = "BCDEFGHIJKLMNOPQRUVWXYZ";

    /** Agent replay: system prompt and tools, then 10 steps that each add 200-400 tokens. */
    static final int SYSTEM_TOKENS = 2000;
    static final int STEPS = 10;
    /** Tokens generated per agent step (a short tool call). */
    static final int STEP_OUTPUT = 32;
    /** Concurrency runs: prompt and generated tokens per request. */
    static final int SHORT_PROMPT = 16;
    static final int DECODE = 64;

    private ServingWorkload() {
    }

    static Path file(Path dir) {
        return dir.resolve("granitemoe-serving-random-v%d-Q8_0.gguf".formatted(VERSION));
    }

    static Path ensureModel(Path dir) throws IOException {
        Path f = file(dir);
        if (!Files.isRegularFile(f)) {
            Files.createDirectories(dir);
            long t0 = System.nanoTime();
            long size = RandomModel.generate(SHAPE, TinyVocabulary.padded(VOCAB), SEED).writeGguf(f, GgmlType.Q8_0);
            System.out.printf("wrote %s (%.1f MB) in %.1f s%n", f, size / 1e6, (System.nanoTime() - t0) / 1e9);
        }
        return f;
    }

    /** {@code n} single-token letters from {@code seed}. */
    static String letters(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(LETTERS.charAt(r.nextInt(LETTERS.length())));
        }
        return sb.toString();
    }

    /**
     * The prompts of the 10 agent steps (without BOS): step k resends step k-1's prompt plus 200-400 new
     * tokens (the previous call and its tool result); step 0 is the system prompt, tools and task.
     */
    static List<String> agentPrompts() {
        List<String> out = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(SEED);
        StringBuilder transcript = new StringBuilder(letters(1, SYSTEM_TOKENS - 1));
        for (int step = 0; step < STEPS; step++) {
            if (step > 0) {
                transcript.append(letters(100 + step, 200 + r.nextInt(201)));
            }
            out.add(transcript.toString());
        }
        return out;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
