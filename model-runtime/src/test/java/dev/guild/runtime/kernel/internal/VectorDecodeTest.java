package dev.guild.runtime.kernel.internal;

import dev.guild.runtime.quant.Quantization;
import dev.guild.runtime.tensor.GgmlType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The vector row decoders produce exactly the scalar reference's values. */
class VectorDecodeTest {

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q5_0", "Q5_1", "Q4_K", "Q6_K"})
    void vector_decode_is_bit_exact(GgmlType type) {
        SplittableRandom r = new SplittableRandom(3);
        int n = 256 * 4;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((r.nextDouble() - 0.3) * (1 + i % 13));
        }
        MemorySegment q = MemorySegment.ofArray(Quantization.quantize(type, v));
        float[] expected = Quantization.dequantize(type, q, n);
        float[] actual = new float[n + 3];
        VectorDecode.row(type, q, 0, actual, 3, n);
        for (int i = 0; i < n; i++) {
            assertThat(Float.floatToIntBits(actual[3 + i])).as("%s element %d", type, i).isEqualTo(Float.floatToIntBits(expected[i]));
        }
    }
}
