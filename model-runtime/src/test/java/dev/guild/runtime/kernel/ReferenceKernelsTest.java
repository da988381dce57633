package dev.guild.runtime.kernel;

import dev.guild.runtime.quant.Quantization;
import dev.guild.runtime.tensor.GgmlType;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ReferenceKernelsTest {
    private final KernelConfig ref = KernelConfig.defaults().withImplementation(KernelConfig.Implementation.REFERENCE);

    @Test
    void matmul_computes_x_times_w_transposed() {
        // W = [[1,2,...,32],[-1,...,-32]] in F32; x = two tokens.
        float[] w = new float[64];
        float[] x = new float[64];
        for (int i = 0; i < 32; i++) {
            w[i] = i + 1;
            w[32 + i] = -(i + 1);
            x[i] = 1;
            x[32 + i] = i % 2;
        }
        WeightMatrix m = new WeightMatrix(GgmlType.F32, 2, 32, MemorySegment.ofArray(Quantization.quantize(GgmlType.F32, w)));
        float[] y = new float[4];
        Kernels.matMul(ref).matmul(m, x, 2, y);
        assertThat(y).containsExactly(528f, -528f, 272f, -272f);
    }

    @Test
    void expert_view_selects_the_expert_slice() {
        float[] w = new float[3 * 2 * 32];
        for (int e = 0; e < 3; e++) {
            for (int i = 0; i < 64; i++) {
                w[e * 64 + i] = e + 1;
            }
        }
        MemorySegment stacked = MemorySegment.ofArray(Quantization.quantize(GgmlType.Q8_0, w));
        WeightMatrix e2 = WeightMatrix.expert(GgmlType.Q8_0, 2, 32, 3, stacked, 2);
        float[] x = new float[32];
        java.util.Arrays.fill(x, 1f);
        float[] y = new float[2];
        Kernels.matMul(ref.withActivations(ActivationPath.F32)).matmul(e2, x, 1, y);
        assertThat(y[0]).isCloseTo(96f, within(0.1f));
        assertThat(y[1]).isCloseTo(96f, within(0.1f));
        assertThatThrownBy(() -> WeightMatrix.expert(GgmlType.Q8_0, 2, 32, 3, stacked, 3)).hasMessageContaining("expert 3");
        assertThatThrownBy(() -> WeightMatrix.expert(GgmlType.Q8_0, 2, 32, 4, stacked, 0)).hasMessageContaining("bytes");
    }

    @Test
    void bad_shapes_are_rejected_with_the_values() {
        MemorySegment seg = MemorySegment.ofArray(new byte[34 * 4]);
        assertThatThrownBy(() -> new WeightMatrix(GgmlType.Q8_0, 4, 33, seg)).hasMessageContaining("33");
        assertThatThrownBy(() -> new WeightMatrix(GgmlType.Q8_0, 3, 32, seg)).hasMessageContaining("102 bytes");
        assertThatThrownBy(() -> new WeightMatrix(GgmlType.Q2_K, 1, 256, MemorySegment.ofArray(new byte[84]))).hasMessageContaining("Q2_K");
        WeightMatrix m = new WeightMatrix(GgmlType.Q8_0, 4, 32, seg);
        MatMul mm = Kernels.matMul(ref);
        assertThatThrownBy(() -> mm.matmul(m, new float[32], 2, new float[8])).hasMessageContaining("x needs 2 x 32");
        assertThatThrownBy(() -> mm.matmul(m, new float[32], 1, new float[3])).hasMessageContaining("y needs 1 x 4");
        assertThatThrownBy(() -> mm.matmul(m, new float[32], 0, new float[4])).hasMessageContaining("batch");
        assertThatThrownBy(() -> new KernelConfig(KernelConfig.Implementation.VECTOR, 0, ActivationPath.GGML)).hasMessageContaining("0");
        assertThatThrownBy(() -> KernelConfig.defaults().withWarmUpMillis(-1)).hasMessageContaining("warm-up").hasMessageContaining("-1");
    }

    @Test
    void warm_up_runs_each_type_once_per_thread_count_and_skips_reference_kernels() {
        KernelConfig vector = KernelConfig.defaults().withThreads(1);
        java.util.List<GgmlType> types = java.util.List.of(GgmlType.Q8_0, GgmlType.Q4_K);
        assertThat(Kernels.warmUp(ref, types, 50)).isEmpty();
        java.util.Set<GgmlType> first = Kernels.warmUp(vector, types, 50);
        assertThat(first).isSubsetOf(types);
        // other tests in this JVM may have warmed them already; a second call never warms again
        assertThat(Kernels.warmUp(vector, types, 50)).isEmpty();
        assertThat(Kernels.warmUp(vector, java.util.List.of(GgmlType.Q2_K), 50)).as("types it cannot compute").isEmpty();
    }

    @Test
    void ops_basics() {
        TensorOps ops = Kernels.ops(ref);
        float[] x = {1, 2, 3, 4};
        float[] out = new float[4];
        ops.rmsnorm(out, 0, x, 0, null, 0, 4, 0f);
        assertThat(out[3]).isCloseTo(4 / (float) Math.sqrt(7.5), within(1e-6f));
        float[] s = {0, (float) Math.log(3)};
        ops.softmax(s, 0, 2);
        assertThat(s).containsExactly(new float[]{0.25f, 0.75f}, within(1e-6f));
        int[] idx = new int[3];
        ops.topK(new float[]{0.1f, 5, 3, 5, -1, 4}, 0, 6, 3, idx);
        assertThat(idx).containsExactly(1, 3, 5);
        assertThat(ops.argmax(new float[]{Float.NaN, 2, 7, 7}, 0, 4)).isEqualTo(2);
        float[] q = {1, 0, 1, 0};
        ops.rope(q, 0, 1, 4, 4, new float[]{0, 1}, new float[]{1, 0}, 0, false);
        assertThat(q).containsExactly(0, 1, 1, 0);
        float[] q2 = {1, 0, 1, 0};
        ops.rope(q2, 0, 1, 4, 4, new float[]{0, 1}, new float[]{1, 0}, 0, true);
        assertThat(q2).containsExactly(-1, 0, 1, 0);
    }
}
