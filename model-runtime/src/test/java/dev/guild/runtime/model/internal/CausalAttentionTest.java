package dev.guild.runtime.model.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guild.runtime.kernel.KernelConfig;
import dev.guild.runtime.model.ArrayKvCache;
import dev.guild.runtime.model.Batch;
import dev.guild.runtime.model.KvCache;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The blocked attention (units of token tiles x query heads walking the cache in blocks of positions, in
 * parallel) gives every row exactly what one row alone gets: scaled dots in position order, softmax, values
 * added in position order into llama.cpp's 8 lanes. Checked bit for bit against that row-at-a-time loop
 * ({@link CausalAttention#computeReference}) on
 * the same kernels, for a long prefill chunk in a mixed batch with a decode token, a single decode token,
 * GQA and MQA shapes.
 */
class CausalAttentionTest {

    @ParameterizedTest(name = "{0} heads / {1} kv heads, {2} threads, {3}, one token {4}")
    @CsvSource({
            "8, 4, 1, VECTOR, false", "8, 4, 3, VECTOR, false", "16, 1, 2, VECTOR, false", "6, 6, 2, VECTOR, false",
            "8, 2, 2, REFERENCE, false", "8, 4, 2, VECTOR, true", "16, 1, 2, VECTOR, true"})
    void blocked_attention_equals_the_row_at_a_time_loop(int heads, int kvHeads, int threads,
                                                         KernelConfig.Implementation impl, boolean singleToken) {
        Compute compute = Compute.of(KernelConfig.defaults().withImplementation(impl).withThreads(threads));
        int keyDim = 64;
        int valueDim = 48;
        SplittableRandom random = new SplittableRandom(5);
        // sequence 0: 70 cached + a prefill chunk of 37; sequence 1: one decode token after 5; sequence 2: 20 + 3
        int[][] shape = singleToken ? new int[][] {{300, 1}} : new int[][] {{70, 37}, {5, 1}, {20, 3}};
        List<Batch.Entry> entries = new java.util.ArrayList<>();
        for (int[] s : shape) {
            KvCache cache = new ArrayKvCache(1, kvHeads * keyDim, kvHeads * valueDim, 512);
            for (int p = 0; p < s[0] + s[1]; p++) {
                cache.put(0, p, randoms(random, kvHeads * keyDim), 0, randoms(random, kvHeads * valueDim), 0);
            }
            cache.advance(s[0]);
            entries.add(new Batch.Entry(cache, new int[s[1]], false));
        }
        Step step = new Step(new Batch(entries));
        float[] q = randoms(random, step.tokens * heads * keyDim);
        float scale = 0.125f;
        float[] got = new float[step.tokens * heads * valueDim];
        CausalAttention.compute(compute, step, 0, q, heads, kvHeads, keyDim, valueDim, scale, got);
        float[] want = new float[got.length];
        CausalAttention.computeReference(compute.ops(), step, 0, q, heads, kvHeads, keyDim, valueDim, scale, want);
        assertThat(got).containsExactly(want);
    }

    private static float[] randoms(SplittableRandom random, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }
}
