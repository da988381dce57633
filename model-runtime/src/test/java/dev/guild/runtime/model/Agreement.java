package dev.guild.runtime.model;

import dev.guild.runtime.generate.Sampler;
import dev.guild.runtime.generate.SamplingParams;
import java.util.List;
import java.util.Set;

/** Measures of agreement between Guild and a reference continuation. */
public final class Agreement {

    private Agreement() {
    }

    /**
     * Feeds llama.cpp's continuation to Guild in one batch and counts the positions where Guild,
     * applying the same penalty and suppression, would have chosen llama.cpp's token.
     */
    public static int teacherForced(Model guild, int[] prompt, List<Integer> expected,
                                              SamplingParams sampling, Set<Integer> suppressed) {
        int[] all = new int[prompt.length + expected.size() - 1];
        System.arraycopy(prompt, 0, all, 0, prompt.length);
        for (int i = 0; i + 1 < expected.size(); i++) {
            all[prompt.length + i] = expected.get(i);
        }
        float[][] logits = guild.forward(new Batch(List.of(new Batch.Entry(guild.newCache(256), all, true))))
                .getFirst();
        Sampler sampler = new Sampler(sampling, suppressed);
        int agree = 0;
        for (int i = 0; i < expected.size(); i++) {
            int pos = prompt.length - 1 + i;
            if (sampler.sample(logits[pos], all, pos + 1) == expected.get(i)) {
                agree++;
            }
        }
        return agree;
    }


    /**
     * The margin at a free-running miss: replays Guild's own decoding (prompt prefill, then one decode step per
     * token, as the generator runs) along llama.cpp's continuation up to {@code step}, the first position where
     * Guild chose {@code guildToken} instead of {@code expected.get(step)}, and returns the raw logit of llama.cpp's
     * token minus the raw logit of Guild's there (before any repetition penalty). A small value means a near-tie
     * that float noise decided.
     */
    public static float marginAt(Model guild, int[] prompt, List<Integer> expected, int step, int guildToken) {
        var cache = guild.newCache(256);
        float[] logits = guild.forward(Batch.of(cache, prompt)).getFirst()[0];
        for (int i = 0; i < step; i++) {
            logits = guild.forward(Batch.of(cache, expected.get(i))).getFirst()[0];
        }
        return logits[expected.get(step)] - logits[guildToken];
    }
}
