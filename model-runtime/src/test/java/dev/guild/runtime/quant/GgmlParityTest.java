package dev.guild.runtime.quant;

import dev.guild.runtime.tensor.GgmlType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Bit-for-bit parity with the real ggml of llama.cpp b4916 (the build inside de.kherud:llama): the bytes
 * of quantize_row_*_ref, dequantize_row_*, the CPU backend's activation quantizers, and vec_dot results.
 */
class GgmlParityTest {
    private static final int N = 512;

    @BeforeAll
    static void nativeGgml() {
        assumeTrue(GgmlNative.available(), "ggml parity needs the linux-x86_64 llama.cpp library of de.kherud:llama");
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q8_0", "Q4_0", "Q5_0", "Q5_1", "Q4_K", "Q6_K"})
    void quantize_row_matches_ggml_ref_bit_for_bit(GgmlType type) {
        for (long seed = 1; seed <= 4; seed++) {
            List<float[]> rows = TestData.rows(seed, N);
            for (int i = 0; i < rows.size(); i++) {
                float[] x = rows.get(i);
                assertThat(Quantization.quantize(type, x))
                        .as("%s seed %d row %d", type, seed, i)
                        .isEqualTo(GgmlNative.quantizeRef(type, x));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q8_0", "Q4_0", "Q5_0", "Q5_1", "Q4_K", "Q6_K"})
    void dequantize_row_matches_ggml(GgmlType type) {
        for (float[] x : TestData.rows(7, N)) {
            byte[] q = GgmlNative.quantizeRef(type, x);
            assertThat(Quantization.dequantize(type, MemorySegment.ofArray(q), N))
                    .containsExactly(GgmlNative.dequantize(type, q, N));
        }
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q8_0", "Q8_1", "Q8_K"})
    void activation_quantization_matches_ggml_cpu(GgmlType type) {
        for (float[] x : TestData.rows(11, N)) {
            ActivationRows a = ActivationRows.allocate(type, N, 1);
            a.quantize(x, 0, 1);
            assertThat(serialize(a)).isEqualTo(GgmlNative.quantizeActivations(type, x));
        }
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q8_0", "Q4_0", "Q5_0", "Q5_1", "Q4_K", "Q6_K"})
    void quantized_dot_matches_ggml_vec_dot(GgmlType type) {
        GgmlType act = Quantization.activationType(type);
        List<float[]> w = TestData.rows(21, N);
        List<float[]> x = TestData.rows(22, N);
        for (int i = 0; i < w.size(); i++) {
            byte[] wq = Quantization.quantize(type, w.get(i));
            ActivationRows a = ActivationRows.allocate(act, N, 1);
            float[] xi = x.get((i + 1) % x.size());
            a.quantize(xi, 0, 1);
            float ours = Quantization.dotQuantized(type, MemorySegment.ofArray(wq), 0, a, 0, N);
            float ggml = GgmlNative.vecDot(type, act, wq, GgmlNative.quantizeActivations(act, xi), N);
            // The reference sums in ggml's AVX2 lane order (GgmlLanes), so the results are identical.
            assertThat(ours).as("%s row %d", type, i).isEqualTo(ggml);
        }
    }

    /** Our activation blocks in ggml's block_q8_0 / block_q8_1 / block_q8_K byte layout. */
    static byte[] serialize(ActivationRows a) {
        GgmlType t = a.type();
        int n = a.cols();
        ByteBuffer out = ByteBuffer.allocate((int) t.bytesFor(n)).order(ByteOrder.LITTLE_ENDIAN);
        int bs = t.blockSize();
        for (int b = 0; b < n / bs; b++) {
            switch (t) {
                case Q8_0 -> out.putShort(Float.floatToFloat16(a.scales()[b]));
                case Q8_1 -> out.putShort(Float.floatToFloat16(a.scales()[b])).putShort(Float.floatToFloat16(a.sums()[b]));
                default -> out.putFloat(a.scales()[b]);
            }
            out.put(a.quants(), b * bs, bs);
            if (t == GgmlType.Q8_K) {
                for (int j = 0; j < 16; j++) {
                    out.putShort(a.blockSums()[b * 16 + j]);
                }
            }
        }
        return out.array();
    }
}
