package dev.guild.runtime.kernel;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Vector ops against the reference on seeded inputs of odd sizes. Tolerances: exact for add, scale,
 * addScaled, rope (same float operations per element), argmax and topK; 2e-6 relative for rmsnorm and dot
 * (float lane partial sums vs double); 1e-6 relative for softmax, silu, swiglu (vector exp is within an ulp
 * or two of Math.exp).
 */
class TensorOpsDifferentialTest {
    private final TensorOps ref = Kernels.ops(KernelConfig.defaults().withImplementation(KernelConfig.Implementation.REFERENCE));
    private final TensorOps vec = Kernels.ops(KernelConfig.defaults());

    private static float[] random(SplittableRandom r, int n, double scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        }
        return x;
    }

    private static void close(float[] a, float[] b, double rel) {
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).as("element %d", i).isCloseTo(b[i], within((float) (rel * Math.max(1e-6, Math.abs(b[i])))));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 33, 100, 1024, 2049})
    void elementwise_ops_match(int n) {
        SplittableRandom r = new SplittableRandom(n);
        float[] x = random(r, n + 3, 4);
        float[] w = random(r, n + 1, 2);
        float[] o1 = new float[n + 2];
        float[] o2 = new float[n + 2];
        ref.rmsnorm(o1, 2, x, 3, w, 1, n, 1e-6f);
        vec.rmsnorm(o2, 2, x, 3, w, 1, n, 1e-6f);
        close(o2, o1, 2e-6);

        float[] s1 = x.clone();
        float[] s2 = x.clone();
        ref.softmax(s1, 3, n);
        vec.softmax(s2, 3, n);
        close(s2, s1, 1e-6);

        float[] g1 = x.clone();
        float[] g2 = x.clone();
        ref.silu(g1, 1, n);
        vec.silu(g2, 1, n);
        close(g2, g1, 1e-6);

        ref.swiglu(o1, 0, x, 3, w, 1, n);
        vec.swiglu(o2, 0, x, 3, w, 1, n);
        close(o2, o1, 1e-6);

        java.util.Arrays.fill(o1, 0f);
        java.util.Arrays.fill(o2, 0f);
        ref.add(o1, 1, x, 0, w, 1, n);
        vec.add(o2, 1, x, 0, w, 1, n);
        assertThat(o2).containsExactly(o1);

        float[] a1 = x.clone();
        float[] a2 = x.clone();
        ref.scale(a1, 2, n, 0.37f);
        vec.scale(a2, 2, n, 0.37f);
        assertThat(a2).containsExactly(a1);
        ref.addScaled(a1, 0, w, 0, -1.5f, n);
        vec.addScaled(a2, 0, w, 0, -1.5f, n);
        assertThat(a2).containsExactly(a1);

        assertThat(vec.dot(x, 1, w, 0, n)).isCloseTo(ref.dot(x, 1, w, 0, n), within((float) (2e-6 * n * 8)));
        assertThat(vec.argmax(x, 2, n)).isEqualTo(ref.argmax(x, 2, n));
        int k = Math.min(n, 8);
        int[] i1 = new int[k];
        int[] i2 = new int[k];
        ref.topK(x, 0, n, k, i1);
        vec.topK(x, 0, n, k, i2);
        assertThat(i2).containsExactly(i1);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 6, 16, 32, 64, 80, 128})
    void rope_matches_in_both_styles(int nRot) {
        SplittableRandom r = new SplittableRandom(nRot);
        int headDim = 128;
        int heads = 3;
        float[] cos = random(r, 70, 1);
        float[] sin = random(r, 70, 1);
        for (boolean neox : new boolean[]{false, true}) {
            float[] q1 = random(r, 1 + heads * headDim, 3);
            float[] q2 = q1.clone();
            ref.rope(q1, 1, heads, headDim, nRot, cos, sin, 5, neox);
            vec.rope(q2, 1, heads, headDim, nRot, cos, sin, 5, neox);
            assertThat(q2).as("neox=%s", neox).containsExactly(q1);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 17, 300})
    void argmax_prefers_the_first_of_equal_values(int n) {
        float[] x = new float[n];
        x[n - 1] = 3;
        x[n / 2] = 3;
        assertThat(vec.argmax(x, 0, n)).isEqualTo(ref.argmax(x, 0, n)).isEqualTo(n / 2);
    }
}
