package dev.guild.runtime.quant.internal;

import dev.guild.runtime.tensor.GgmlType;

import java.lang.foreign.MemorySegment;

/** Q8_0: {@code {f16 d; i8 qs[32]}}, value {@code qs[j] * d}. */
public final class Q8_0Codec extends Block32Codec {

    Q8_0Codec() {
        super(34, false);
    }

    @Override
    public GgmlType activationType() {
        return GgmlType.Q8_0;
    }

    @Override
    int level(MemorySegment s, long o, int j) {
        return Bytes.i8(s, o + 2 + j);
    }

    @Override
    void quantizeBlock(float[] src, int x, MemorySegment dst, long o) {
        float amax = Math.abs(signedAbsMax(src, x));
        float d = amax / ((1 << 7) - 1);
        float id = d != 0 ? 1.0f / d : 0.0f;
        Bytes.putF16(dst, o, d);
        for (int j = 0; j < 32; j++) {
            Bytes.putU8(dst, o + 2 + j, (int) Bytes.roundf(src[x + j] * id));
        }
    }
}
