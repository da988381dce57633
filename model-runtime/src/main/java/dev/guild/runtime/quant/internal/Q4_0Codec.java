package dev.guild.runtime.quant.internal;

import dev.guild.runtime.tensor.GgmlType;

import java.lang.foreign.MemorySegment;

/**
 * Q4_0: {@code {f16 d; u8 qs[16]}}; element j&lt;16 is {@code ((qs[j] & 0xF) - 8) * d}, element j+16 is
 * {@code ((qs[j] >> 4) - 8) * d} (low nibbles first, not interleaved).
 */
public final class Q4_0Codec extends Block32Codec {

    Q4_0Codec() {
        super(18, false);
    }

    @Override
    public GgmlType activationType() {
        return GgmlType.Q8_0;
    }

    /** The 4-bit quant (0..15) of element {@code j} from the 16 nibble bytes at {@code qs}. */
    static int nibble(MemorySegment s, long qs, int j) {
        int b = Bytes.u8(s, qs + (j & 15));
        return j < 16 ? b & 0xF : b >>> 4;
    }

    @Override
    int level(MemorySegment s, long o, int j) {
        return nibble(s, o + 2, j) - 8;
    }

    @Override
    void quantizeBlock(float[] src, int x, MemorySegment dst, long o) {
        float d = signedAbsMax(src, x) / -8;
        float id = d != 0 ? 1.0f / d : 0.0f;
        Bytes.putF16(dst, o, d);
        for (int j = 0; j < 16; j++) {
            int xi0 = Math.min(15, (byte) (int) (src[x + j] * id + 8.5f));
            int xi1 = Math.min(15, (byte) (int) (src[x + 16 + j] * id + 8.5f));
            Bytes.putU8(dst, o + 2 + j, xi0 | (xi1 << 4));
        }
    }
}
