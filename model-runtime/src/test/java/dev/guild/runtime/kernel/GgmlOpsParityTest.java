package dev.guild.runtime.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.guild.runtime.kernel.internal.GgmlMath;
import dev.guild.runtime.quant.GgmlNative;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The element-wise operations equal ggml's own bit for bit: rms_norm, soft_max and silu are run by the real ggml
 * (llama.cpp b4916's CPU backend in the de.kherud:llama jar, through FFM) and by both {@link TensorOps}
 * implementations on the same seeded rows, including lengths that are not a multiple of 8 (ggml's scalar tails)
 * and values far into the exponential's range.
 */
class GgmlOpsParityTest {

    static final int[] LENGTHS = {1, 3, 8, 13, 64, 96, 256, 1000};
    static final TensorOps REFERENCE = Kernels.ops(KernelConfig.defaults()
            .withImplementation(KernelConfig.Implementation.REFERENCE));
    static final TensorOps VECTOR = Kernels.ops(KernelConfig.defaults());

    @BeforeAll
    static void ggmlPresent() {
        assumeTrue(GgmlNative.available(), "ggml from the de.kherud:llama jar runs on linux x86_64 only");
    }

    static float[] row(SplittableRandom rnd, int n, float spread) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) ((rnd.nextDouble() * 2 - 1) * spread);
        }
        return x;
    }

    @Test
    void rms_norm_equals_ggml() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int n : LENGTHS) {
            for (int rep = 0; rep < 20; rep++) {
                float[] x = row(rnd, n, 1 + rep);
                float[] expected = GgmlNative.rowOp("rms_norm", x, 1, 1e-5f);
                for (TensorOps ops : new TensorOps[] {REFERENCE, VECTOR}) {
                    float[] out = new float[n];
                    ops.rmsnorm(out, 0, x, 0, null, 0, n, 1e-5f);
                    assertThat(out).as("%s rms_norm of %d values", ops.getClass().getSimpleName(), n)
                            .containsExactly(expected);
                }
            }
        }
    }

    @Test
    void soft_max_equals_ggml() {
        SplittableRandom rnd = new SplittableRandom(12);
        for (int n : LENGTHS) {
            for (int rep = 0; rep < 20; rep++) {
                float[] x = row(rnd, n, 1 + 10 * rep);
                float[] expected = GgmlNative.rowOp("soft_max", x, 1, 0f);
                for (TensorOps ops : new TensorOps[] {REFERENCE, VECTOR}) {
                    float[] out = x.clone();
                    ops.softmax(out, 0, n);
                    assertThat(out).as("%s softmax of %d values", ops.getClass().getSimpleName(), n)
                            .containsExactly(expected);
                }
            }
        }
    }

    @Test
    void silu_and_swiglu_equal_ggml() {
        SplittableRandom rnd = new SplittableRandom(13);
        for (int n : LENGTHS) {
            for (int rep = 0; rep < 20; rep++) {
                float[] x = row(rnd, n, 1 + 10 * rep);
                float[] expected = GgmlNative.rowOp("silu", x, 1, 0f);
                for (TensorOps ops : new TensorOps[] {REFERENCE, VECTOR}) {
                    float[] out = x.clone();
                    ops.silu(out, 0, n);
                    assertThat(out).as("%s silu of %d values", ops.getClass().getSimpleName(), n)
                            .containsExactly(expected);
                    float[] up = row(rnd, n, 2);
                    float[] glu = new float[n];
                    ops.swiglu(glu, 0, x, 0, up, 0, n);
                    for (int i = 0; i < n; i++) {
                        assertThat(glu[i]).as("swiglu is ggml's silu times up").isEqualTo(expected[i] * up[i]);
                    }
                }
            }
        }
    }

    @Test
    void exponential_matches_ggml_at_the_extremes() {
        float[] x = {-200f, -150f, -100f, -88f, -87.5f, -1e-30f, 0f, 1e-30f, 50f, 87f, 88.7f, 89f, 100f,
                Float.NEGATIVE_INFINITY, -1f, 1f, -3.5f, 2.25f};
        float[] silu = GgmlNative.rowOp("silu", padTo8(x), 1, 0f);
        float[] mine = padTo8(x);
        GgmlMath.silu(mine, 0, mine.length);
        assertThat(mine).containsExactly(silu);
    }

    @Test
    void a_correctly_rounded_exponential_would_differ_from_ggml() {
        SplittableRandom rnd = new SplittableRandom(14);
        int differ = 0;
        for (int i = 0; i < 10_000; i++) {
            float v = (float) (rnd.nextDouble() * 40 - 20);
            if (GgmlMath.exp(v) != (float) Math.exp(v)) {
                differ++;
            }
        }
        assertThat(differ).as("ggml_v_expf is not the correctly rounded exp: these tests can tell them apart")
                .isGreaterThan(100);
    }

    private static float[] padTo8(float[] x) {
        return java.util.Arrays.copyOf(x, (x.length + 7) / 8 * 8);
    }
}
