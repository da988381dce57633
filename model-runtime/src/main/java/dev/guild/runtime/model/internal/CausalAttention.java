package dev.guild.runtime.model.internal;

import dev.guild.runtime.model.KvCache;
import java.util.stream.IntStream;

/**
 * softmax(scale · q·kᵀ) · v for every query head of every token of a step against its own
 * sequence's cached positions {@code 0..pos} (causal). Query heads share key/value heads in groups
 * (GQA); one key/value head serves all queries for MQA (MLA in absorbed form).
 */
public final class CausalAttention {

    private CausalAttention() {
    }

    /**
     * @param q       tokens × heads × keyDim
     * @param out     tokens × heads × valueDim (overwritten)
     */
    public static void compute(Step step, int layer, float[] q, int heads, int kvHeads, int keyDim, int valueDim,
                               float scale, float[] out) {
        int group = heads / kvHeads;
        IntStream work = IntStream.range(0, step.tokens * heads);
        if ((long) step.tokens * heads * (step.pos[step.tokens - 1] + 1) * keyDim > 1 << 15) {
            work = work.parallel();
        }
        work.forEach(th -> {
            int t = th / heads;
            int h = th % heads;
            int kvh = h / group;
            KvCache cache = step.cache(t);
            int n = step.pos[t] + 1;
            float[] scores = new float[n];
            int qo = (t * heads + h) * keyDim;
            float max = Float.NEGATIVE_INFINITY;
            for (int p = 0; p < n; p++) {
                float[] k = cache.keys(layer, p);
                int ko = cache.keyOffset(layer, p) + kvh * keyDim;
                float dot = 0f;
                for (int i = 0; i < keyDim; i++) {
                    dot += q[qo + i] * k[ko + i];
                }
                scores[p] = dot * scale;
                max = Math.max(max, scores[p]);
            }
            double sum = 0;
            for (int p = 0; p < n; p++) {
                scores[p] = (float) Math.exp(scores[p] - max);
                sum += scores[p];
            }
            float inv = (float) (1.0 / sum);
            int oo = (t * heads + h) * valueDim;
            for (int i = 0; i < valueDim; i++) {
                out[oo + i] = 0f;
            }
            for (int p = 0; p < n; p++) {
                float w = scores[p] * inv;
                float[] v = cache.values(layer, p);
                int vo = cache.valueOffset(layer, p) + kvh * valueDim;
                for (int i = 0; i < valueDim; i++) {
                    out[oo + i] += w * v[vo + i];
                }
            }
        });
    }
}
