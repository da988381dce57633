package dev.guild.runtime.quant.internal;

import dev.guild.runtime.quant.ActivationRows;

import java.lang.foreign.MemorySegment;

/**
 * Shared shape of the 32-element block types (Q8_0, Q4_0, Q5_0, Q5_1): an f16 scale first, an optional f16
 * min second, integer levels; dotted with Q8_0 (or Q8_1 when there is a min) activations.
 */
abstract class Block32Codec implements RowCodec {
    private final int bytes;
    private final boolean withMin;

    Block32Codec(int bytes, boolean withMin) {
        this.bytes = bytes;
        this.withMin = withMin;
    }

    /** Integer level of element {@code j} of the block at {@code o}, offset removed (value = level * d [+ m]). */
    abstract int level(MemorySegment s, long o, int j);

    /** Writes the block for {@code src[x..x+32)} at {@code o}, as quantize_row_*_ref. */
    abstract void quantizeBlock(float[] src, int x, MemorySegment dst, long o);

    @Override
    public final void dequantize(MemorySegment src, long off, float[] dst, int dstOff, int n) {
        for (int b = 0; b < n / 32; b++) {
            long o = off + (long) bytes * b;
            float d = Bytes.f16(src, o);
            float m = withMin ? Bytes.f16(src, o + 2) : 0;
            for (int j = 0; j < 32; j++) {
                float v = level(src, o, j) * d;
                dst[dstOff + b * 32 + j] = withMin ? v + m : v;
            }
        }
    }

    @Override
    public final void quantize(float[] src, int srcOff, MemorySegment dst, long off, int n) {
        for (int b = 0; b < n / 32; b++) {
            quantizeBlock(src, srcOff + b * 32, dst, off + (long) bytes * b);
        }
    }

    @Override
    public final float dotQuantized(MemorySegment w, long off, ActivationRows a, int row, int n) {
        byte[] q = a.quants();
        int qb = row * a.cols();
        int sb = row * (a.cols() / 32);
        float[] acc = new float[GgmlLanes.LANES];
        int[] lanes = new int[GgmlLanes.LANES];
        float summs = 0;
        for (int b = 0; b < n / 32; b++) {
            long o = off + (long) bytes * b;
            java.util.Arrays.fill(lanes, 0);
            for (int j = 0; j < 32; j++) {
                lanes[GgmlLanes.lane(j)] += level(w, o, j) * q[qb + b * 32 + j];
            }
            GgmlLanes.accumulate(acc, Bytes.f16(w, o) * a.scales()[sb + b], lanes);
            if (withMin) {
                summs = Math.fma(Bytes.f16(w, o + 2), a.sums()[sb + b], summs);
            }
        }
        return GgmlLanes.hsum8(acc) + summs;
    }

    /** The value of largest magnitude in {@code src[x..x+32)} (first one wins), as ggml's amax/max loop. */
    static float signedAbsMax(float[] src, int x) {
        float amax = 0;
        float max = 0;
        for (int j = 0; j < 32; j++) {
            float v = src[x + j];
            if (amax < Math.abs(v)) {
                amax = Math.abs(v);
                max = v;
            }
        }
        return max;
    }
}
