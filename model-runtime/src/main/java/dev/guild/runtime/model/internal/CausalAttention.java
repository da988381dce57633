package dev.guild.runtime.model.internal;

import dev.guild.runtime.kernel.TensorOps;
import dev.guild.runtime.kernel.internal.GgmlMath;
import dev.guild.runtime.model.KvCache;
import java.util.stream.IntStream;

/**
 * softmax(scale · q·kᵀ) · v for every query head of every token of a step against its own
 * sequence's cached positions {@code 0..pos} (causal). Query heads share key/value heads in groups
 * (GQA); one key/value head serves all queries for MQA (MLA in absorbed form).
 */
public final class CausalAttention {

    /** Below this many multiply-adds one thread is faster than forking. */
    private static final long PARALLEL_THRESHOLD = 1L << 15;

    private CausalAttention() {
    }

    /**
     * @param q   tokens × heads × keyDim
     * @param out tokens × heads × valueDim (overwritten)
     */
    public static void compute(TensorOps ops, Step step, int layer, float[] q, int heads, int kvHeads, int keyDim,
                               int valueDim, float scale, float[] out) {
        int group = heads / kvHeads;
        IntStream work = IntStream.range(0, step.tokens * heads);
        if ((long) step.tokens * heads * (step.pos[step.tokens - 1] + 1) * keyDim > PARALLEL_THRESHOLD) {
            work = work.parallel();
        }
        work.forEach(th -> {
            int t = th / heads;
            int kvh = (th % heads) / group;
            KvCache cache = step.cache(t);
            int n = step.pos[t] + 1;
            float[] scores = new float[n];
            for (int p = 0; p < n; p++) {
                // llama.cpp's orders: tinyBLAS for one token's contiguous query, ggml_vec_dot_f32 for a prompt's
                scores[p] = scale * (step.tokens == 1
                        ? ops.dot(q, th * keyDim, cache.keys(layer, p), cache.keyOffset(layer, p) + kvh * keyDim, keyDim)
                        : GgmlMath.vecDotF32(q, th * keyDim, cache.keys(layer, p),
                                cache.keyOffset(layer, p) + kvh * keyDim, keyDim));
            }
            ops.softmax(scores, 0, n);
            // the weighted value sum in tinyBLAS's order: 8 lanes along the positions, then hsum
            float[] lanes = new float[8 * valueDim];
            for (int p = 0; p < n; p++) {
                GgmlMath.madd(lanes, p, cache.values(layer, p), cache.valueOffset(layer, p) + kvh * valueDim,
                        scores[p], valueDim);
            }
            GgmlMath.laneSums(lanes, valueDim, out, th * valueDim);
        });
    }
}
