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

}
