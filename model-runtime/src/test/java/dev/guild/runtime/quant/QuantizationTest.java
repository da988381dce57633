package dev.guild.runtime.quant;

import dev.guild.runtime.tensor.GgmlType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuantizationTest {

    @Test
    void q4_0_block_with_known_scale_and_nibbles() {
        float[] x = new float[32];
        for (int j = 0; j < 32; j++) {
            x[j] = j - 16;
        }
        // amax 16 at x[0] = -16, so d = -16 / -8 = 2 and q = trunc(x / 2 + 8.5), clamped to 15.
        byte[] expected = new byte[18];
        expected[0] = 0x00;
        expected[1] = 0x40; // fp16(2.0) = 0x4000
        for (int j = 0; j < 16; j++) {
            int lo = (int) Math.floor(j / 2.0 + 0.5);
            int hi = Math.min(15, (int) Math.floor((j + 16) / 2.0 + 0.5));
            expected[2 + j] = (byte) (lo | hi << 4);
        }
        assertThat(expected[2]).isEqualTo((byte) 0x80); // element 0 -> 0, element 16 -> 8
        assertThat(expected[17]).isEqualTo((byte) 0xF8); // element 15 -> 8, element 31 -> 16 clamped to 15
        byte[] q = Quantization.quantize(GgmlType.Q4_0, x);
        assertThat(q).isEqualTo(expected);
        float[] back = Quantization.dequantize(GgmlType.Q4_0, MemorySegment.ofArray(q), 32);
        assertThat(back[0]).isEqualTo(-16f);
        assertThat(back[16]).isEqualTo(0f);
        assertThat(back[31]).isEqualTo(14f);
    }

    @Test
    void q8_0_block_with_unit_scale_stores_the_integers() {
        float[] x = new float[32];
        for (int j = 0; j < 32; j++) {
            x[j] = (j % 2 == 0 ? 1 : -1) * (j * 3 % 100);
        }
        x[5] = 127;
        byte[] q = Quantization.quantize(GgmlType.Q8_0, x);
        assertThat(q[0]).isEqualTo((byte) 0x00);
        assertThat(q[1]).isEqualTo((byte) 0x3C); // fp16(1.0)
        for (int j = 0; j < 32; j++) {
            assertThat(q[2 + j]).isEqualTo((byte) x[j]);
        }
    }

    @Test
    void q5_0_and_q5_1_put_the_fifth_bit_in_qh() {
        ByteBuffer b = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(Float.floatToFloat16(0.5f)).putInt(0x8000_0001); // 5th bit set for elements 0 and 31
        for (int j = 0; j < 16; j++) {
            b.put((byte) (j | (15 - j) << 4));
        }
        float[] v = Quantization.dequantize(GgmlType.Q5_0, MemorySegment.ofArray(b.array()), 32);
        assertThat(v[0]).isEqualTo((16 + 0 - 16) * 0.5f);
        assertThat(v[1]).isEqualTo((1 - 16) * 0.5f);
        assertThat(v[16]).isEqualTo((15 - 16) * 0.5f);
        assertThat(v[31]).isEqualTo((16 + 0 - 16) * 0.5f);
        assertThat(v[30]).isEqualTo((1 - 16) * 0.5f);

        ByteBuffer c = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        c.putShort(Float.floatToFloat16(0.25f)).putShort(Float.floatToFloat16(-2f)).putInt(0x0001_0000);
        for (int j = 0; j < 16; j++) {
            c.put((byte) 0x37);
        }
        float[] w = Quantization.dequantize(GgmlType.Q5_1, MemorySegment.ofArray(c.array()), 32);
        assertThat(w[0]).isEqualTo(7 * 0.25f - 2f);
        assertThat(w[16]).isEqualTo((16 + 3) * 0.25f - 2f);
        assertThat(w[17]).isEqualTo(3 * 0.25f - 2f);
    }

    @Test
    void q4_k_uses_six_bit_scales_and_mins() {
        byte[] blk = new byte[144];
        ByteBuffer b = ByteBuffer.wrap(blk).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(Float.floatToFloat16(0.5f)).putShort(Float.floatToFloat16(0.25f));
        blk[4] = 3;                       // sub-block 0 scale 3
        blk[8] = 5;                       // sub-block 0 min 5
        blk[4 + 4 + 4] = (byte) 0x21;     // sub-block 4: low scale bits 1, low min bits 2
        blk[4 + 0] |= (byte) (1 << 6);    // sub-block 4 scale high bits 01 -> scale 17
        blk[4 + 4] |= (byte) (2 << 6);    // sub-block 4 min high bits 10 -> min 34
        blk[16] = (byte) 0x9C;            // element 0 = 12, element 32 = 9
        blk[16 + 64] = (byte) 0x07;       // element 128 (sub-block 4) = 7
        float[] v = Quantization.dequantize(GgmlType.Q4_K, MemorySegment.ofArray(blk), 256);
        // sub-block 0 scale is 3 | (1 << 6) & 63 = 3: the high bits belong to sub-block 4.
        assertThat(v[0]).isEqualTo(0.5f * 3 * 12 - 0.25f * 5);
        assertThat(v[128]).isEqualTo(0.5f * 17 * 7 - 0.25f * 34);
        assertThat(v[32]).isEqualTo(0.5f * 0 * 9 - 0);
    }

    @Test
    void q6_k_keeps_d_last_and_signed_scales() {
        byte[] blk = new byte[210];
        blk[0] = 0x05;                    // ql[0]: element 0 low nibble 5
        blk[128] = 0x02;                  // qh[0] bits 0-1 = 2 -> element 0 = 5 | 2 << 4 = 37
        blk[192] = -3;                    // scale of elements 0..15
        ByteBuffer.wrap(blk).order(ByteOrder.LITTLE_ENDIAN).putShort(208, Float.floatToFloat16(0.125f));
        float[] v = Quantization.dequantize(GgmlType.Q6_K, MemorySegment.ofArray(blk), 256);
        assertThat(v[0]).isEqualTo(0.125f * -3 * (37 - 32));
        assertThat(v[1]).isEqualTo(0.125f * -3 * (0 - 32));
        assertThat(v[16]).isEqualTo(0f);
    }

    @ParameterizedTest(name = "{0}: max error {1} x block amax, rms error {2} x rms")
    @CsvSource({
            "F32,  0,      0",
            "F16,  0.0005, 0.0005",
            "BF16, 0.004,  0.004",
            "Q8_0, 0.0045, 0.007",
            "Q4_0, 0.126,  0.1",
            "Q5_0, 0.063,  0.05",
            "Q5_1, 0.063,  0.05",
            "Q4_K, 0.2,    0.1",
            "Q6_K, 0.05,   0.025",
    })
    void round_trip_error_is_bounded(GgmlType type, double maxRel, double rmsRel) {
        SplittableRandom r = new SplittableRandom(5);
        int n = 4096;
        float[] x = TestData.gaussian(r, n, 1.3f);
        float[] y = Quantization.dequantize(type, MemorySegment.ofArray(Quantization.quantize(type, x)), n);
        double se = 0;
        double sx = 0;
        int blk = Math.max(32, type.blockSize());
        for (int b = 0; b < n / blk; b++) {
            float amax = 0;
            for (int i = 0; i < blk; i++) {
                amax = Math.max(amax, Math.abs(x[b * blk + i]));
            }
            for (int i = 0; i < blk; i++) {
                int k = b * blk + i;
                assertThat((double) Math.abs(x[k] - y[k])).as("%s element %d", type, k).isLessThanOrEqualTo(maxRel * amax);
                se += (x[k] - y[k]) * (x[k] - y[k]);
                sx += x[k] * x[k];
            }
        }
        assertThat(Math.sqrt(se / sx)).isLessThanOrEqualTo(rmsRel);
    }

    @Test
    void rejects_rows_that_are_not_whole_blocks_and_unsupported_types() {
        assertThatThrownBy(() -> Quantization.quantize(GgmlType.Q4_K, new float[300]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("300").hasMessageContaining("256");
        assertThatThrownBy(() -> Quantization.quantize(GgmlType.Q2_K, new float[256]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Q2_K").hasMessageContaining("Q4_K");
        assertThatThrownBy(() -> Quantization.dequantizeRow(GgmlType.Q8_0, MemorySegment.ofArray(new byte[33]), 0, new float[32], 0, 32))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("34 bytes");
        assertThatThrownBy(() -> ActivationRows.allocate(GgmlType.Q4_0, 32, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Q4_0");
        assertThatThrownBy(() -> ActivationRows.allocate(GgmlType.Q8_K, 32, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("256");
        ActivationRows a = ActivationRows.allocate(GgmlType.Q8_0, 32, 2);
        assertThatThrownBy(() -> a.quantize(new float[96], 0, 3)).hasMessageContaining("capacity");
        assertThatThrownBy(() -> a.quantize(new float[40], 0, 2)).hasMessageContaining("64 floats");
        assertThatThrownBy(() -> Quantization.dotQuantized(GgmlType.Q4_K, MemorySegment.ofArray(new byte[144]), 0, a, 0, 256))
                .hasMessageContaining("Q8_K");
    }

    @Test
    void activation_types_follow_ggml_cpu_vec_dot_type() {
        assertThat(Quantization.activationType(GgmlType.Q4_0)).isEqualTo(GgmlType.Q8_0);
        assertThat(Quantization.activationType(GgmlType.Q5_0)).isEqualTo(GgmlType.Q8_0);
        assertThat(Quantization.activationType(GgmlType.Q5_1)).isEqualTo(GgmlType.Q8_1);
        assertThat(Quantization.activationType(GgmlType.Q8_0)).isEqualTo(GgmlType.Q8_0);
        assertThat(Quantization.activationType(GgmlType.Q4_K)).isEqualTo(GgmlType.Q8_K);
        assertThat(Quantization.activationType(GgmlType.Q6_K)).isEqualTo(GgmlType.Q8_K);
        assertThat(Quantization.activationType(GgmlType.F16)).isEqualTo(GgmlType.F16);
        assertThat(Quantization.activationType(GgmlType.BF16)).isEqualTo(GgmlType.BF16);
        assertThat(Quantization.activationType(GgmlType.F32)).isEqualTo(GgmlType.F32);
    }
}
