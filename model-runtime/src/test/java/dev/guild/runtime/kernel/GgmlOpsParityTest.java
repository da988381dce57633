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

    @Test
    void f32_dots_take_llama_cpps_order_for_each_matmul_shape() {
        SplittableRandom rnd = new SplittableRandom(15);
        for (int k : new int[] {32, 64, 96, 128, 256}) {
            for (int rows : new int[] {5, 8}) {
                for (int n : new int[] {1, 2, 3}) {
                    float[] a = row(rnd, rows * k, 2);
                    float[] b = row(rnd, n * k, 2);
                    float[] ggml = GgmlNative.mulMat(a, b, k);
                    boolean tinyBlas = GgmlMath.tinyBlas(rows, k, n);
                    for (int c = 0; c < n; c++) {
                        for (int r = 0; r < rows; r++) {
                            float mine = tinyBlas ? GgmlMath.tinyBlasDot(a, r * k, b, c * k, k)
                                    : GgmlMath.vecDotF32(a, r * k, b, c * k, k);
                            assertThat(mine).as("%d x %d by %d columns (tinyBLAS %s)", rows, k, n, tinyBlas)
                                    .isEqualTo(ggml[c * rows + r]);
                        }
                    }
                    if (n == 1) { // a single column (decode) is vec_dot_f32 whatever the rows: so are the ops' dots
                        assertThat(VECTOR.dot(a, 0, b, 0, k)).isEqualTo(ggml[0]);
                        assertThat(REFERENCE.dot(a, 0, b, 0, k)).isEqualTo(ggml[0]);
                    }
                }
            }
        }
        for (int k : new int[] {8, 32, 64, 100, 256}) {
            float[] x = row(rnd, k, 2);
            float[] y = row(rnd, k, 2);
            assertThat(GgmlMath.vecDotF32(x, 0, y, 0, k)).as("ggml_vec_dot_f32 order, k %d", k)
                    .isEqualTo(GgmlNative.vecDotF32(x, y));
        }
    }

    @Test
    void attention_value_sum_equals_ggml_mul_mat_over_padded_positions() {
        SplittableRandom rnd = new SplittableRandom(16);
        int dim = 16;
        for (int tokens : new int[] {1, 2}) {
            for (int positions : new int[] {1, 7, 13, 40}) {
                int padded = (positions + 31) / 32 * 32; // llama.cpp's n_kv: masked cells hold probability 0
                float[] probs = new float[tokens * padded]; // one column per query token, as llama.cpp's kq
                float[][] values = new float[positions][];
                float[] vt = new float[dim * padded]; // llama.cpp's transposed V: a row of positions per dimension
                for (int p = 0; p < positions; p++) {
                    values[p] = row(rnd, dim, 3);
                    for (int d = 0; d < dim; d++) {
                        vt[d * padded + p] = values[p][d];
                    }
                    for (int t = 0; t < tokens; t++) {
                        probs[t * padded + p] = (float) rnd.nextDouble();
                    }
                }
                float[] expected = GgmlNative.mulMat(vt, probs, padded);
                boolean tinyBlas = GgmlMath.tinyBlas(dim, padded, tokens);
                for (int t = 0; t < tokens; t++) {
                    float[] lanes = new float[GgmlMath.slots(tinyBlas) * dim];
                    for (int p = 0; p < positions; p++) {
                        GgmlMath.madd(lanes, tinyBlas, p, values[p], 0, probs[t * padded + p], dim);
                    }
                    float[] out = new float[dim];
                    GgmlMath.finish(lanes, tinyBlas, dim, out, 0);
                    assertThat(out).as("V·p over %d positions, %d tokens", positions, tokens)
                            .containsExactly(java.util.Arrays.copyOfRange(expected, t * dim, (t + 1) * dim));
                }
            }
        }
    }

    @Test
    void sigmoid_routing_weights_equal_ggml_sigmoid() {
        SplittableRandom rnd = new SplittableRandom(17);
        float[] logits = row(rnd, 64, 12);
        float[] expected = GgmlNative.rowOp("sigmoid", logits, 1, 0f);
        var router = new dev.guild.runtime.model.MoeRouter(dev.guild.runtime.model.ModelConfig.Gating.SIGMOID, 64, false,
                1f, 1, 1, null);
        int[] selected = new int[64];
        float[] weights = new float[64];
        router.route(logits, 0, 64, selected, weights);
        for (int i = 0; i < 64; i++) {
            assertThat(weights[i]).as("sigmoid(%s)", logits[selected[i]]).isEqualTo(expected[selected[i]]);
        }
    }

    private static float[] padTo8(float[] x) {
        return java.util.Arrays.copyOf(x, (x.length + 7) / 8 * 8);
    }
}
