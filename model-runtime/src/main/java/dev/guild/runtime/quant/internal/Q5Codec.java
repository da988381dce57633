package dev.guild.runtime.quant.internal;

import dev.guild.runtime.tensor.GgmlType;

import java.lang.foreign.MemorySegment;

/**
 * Q5_0 {@code {f16 d; u8 qh[4]; u8 qs[16]}} (value {@code (q - 16) * d}) and Q5_1
 * {@code {f16 d; f16 m; u8 qh[4]; u8 qs[16]}} (value {@code q * d + m}). The 5th bit of element j is bit j of
 * the little-endian u32 {@code qh}; the low 4 bits are nibbles as in Q4_0.
 */
public final class Q5Codec extends Block32Codec {
    private final boolean withMin;
    private final int qhOff;

    Q5Codec(boolean withMin) {
        super(withMin ? 24 : 22, withMin);
        this.withMin = withMin;
        this.qhOff = withMin ? 4 : 2;
    }

    @Override
    public GgmlType activationType() {
        return withMin ? GgmlType.Q8_1 : GgmlType.Q8_0;
    }

    @Override
    int level(MemorySegment s, long o, int j) {
        int qh = s.get(Bytes.LE_INT, o + qhOff);
        int q = Q4_0Codec.nibble(s, o + qhOff + 4, j) | (((qh >>> j) & 1) << 4);
        return withMin ? q : q - 16;
    }

    @Override
    void quantizeBlock(float[] src, int x, MemorySegment dst, long o) {
        float d;
        float min = 0;
        if (withMin) {
            min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (int j = 0; j < 32; j++) {
                min = Math.min(min, src[x + j]);
                max = Math.max(max, src[x + j]);
            }
            d = (max - min) / ((1 << 5) - 1);
            Bytes.putF16(dst, o + 2, min);
        } else {
            d = signedAbsMax(src, x) / -16;
        }
        float id = d != 0 ? 1.0f / d : 0.0f;
        Bytes.putF16(dst, o, d);
        int qh = 0;
        for (int j = 0; j < 16; j++) {
            int xi0;
            int xi1;
            if (withMin) {
                xi0 = (int) ((src[x + j] - min) * id + 0.5f) & 0xFF;
                xi1 = (int) ((src[x + 16 + j] - min) * id + 0.5f) & 0xFF;
            } else {
                xi0 = Math.min(31, (byte) (int) (src[x + j] * id + 16.5f)) & 0xFF;
                xi1 = Math.min(31, (byte) (int) (src[x + 16 + j] * id + 16.5f)) & 0xFF;
            }
            Bytes.putU8(dst, o + qhOff + 4 + j, (xi0 & 0x0F) | ((xi1 & 0x0F) << 4));
            qh |= ((xi0 & 0x10) >>> 4) << j;
            qh |= ((xi1 & 0x10) >>> 4) << (j + 16);
        }
        dst.set(Bytes.LE_INT, o + qhOff, qh);
    }
}
