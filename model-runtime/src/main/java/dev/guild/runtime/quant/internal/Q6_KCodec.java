package dev.guild.runtime.quant.internal;

import dev.guild.runtime.quant.ActivationRows;
import dev.guild.runtime.tensor.GgmlType;

import java.lang.foreign.MemorySegment;

/**
 * Q6_K: 256 values {@code {u8 ql[128]; u8 qh[64]; i8 scales[16]; f16 d}} (d last), 16 sub-blocks of 16 with
 * a signed 8-bit scale each; value = {@code d * scale * (q - 32)} with 6-bit q.
 */
public final class Q6_KCodec implements RowCodec {
    public static final int BYTES = 210;

    @Override
    public GgmlType activationType() {
        return GgmlType.Q8_K;
    }

    /** The 6-bit quant (0..63) of element {@code i} (0..255) of the super-block at {@code o}. */
    static int quant(MemorySegment s, long o, int i) {
        int half = i >>> 7;
        int r = i & 127;
        int l = r & 31;
        int quarter = r >>> 5;
        int ql = Bytes.u8(s, o + half * 64 + l + (quarter & 1) * 32);
        int lo = quarter < 2 ? ql & 0xF : ql >>> 4;
        int hi = (Bytes.u8(s, o + 128 + half * 32 + l) >>> (2 * quarter)) & 3;
        return lo | (hi << 4);
    }

    /** Scale index of element i: 16 values per scale, in element order. */
    static int scale(MemorySegment s, long o, int i) {
        return Bytes.i8(s, o + 192 + (i >>> 4));
    }

    @Override
    public void dequantize(MemorySegment src, long off, float[] dst, int dstOff, int n) {
        for (int b = 0; b < n / 256; b++) {
            long o = off + (long) BYTES * b;
            float d = Bytes.f16(src, o + 208);
            for (int i = 0; i < 256; i++) {
                dst[dstOff + b * 256 + i] = d * scale(src, o, i) * (quant(src, o, i) - 32);
            }
        }
    }

    @Override
    public void quantize(float[] src, int srcOff, MemorySegment dst, long off, int n) {
        byte[] L = new byte[256];
        float[] scales = new float[16];
        for (int b = 0; b < n / 256; b++) {
            int x = srcOff + b * 256;
            long o = off + (long) BYTES * b;
            float maxScale = 0;
            float maxAbsScale = 0;
            for (int ib = 0; ib < 16; ib++) {
                float scale = KQuantSearch.makeQxQuants(16, 32, src, x + 16 * ib, L, 16 * ib);
                scales[ib] = scale;
                float abs = Math.abs(scale);
                if (abs > maxAbsScale) {
                    maxAbsScale = abs;
                    maxScale = scale;
                }
            }
            if (maxAbsScale < KQuantSearch.GROUP_MAX_EPS) {
                dst.asSlice(o, BYTES).fill((byte) 0);
                continue;
            }
            float iscale = -128.f / maxScale;
            Bytes.putF16(dst, o + 208, 1 / iscale);
            for (int ib = 0; ib < 16; ib++) {
                Bytes.putU8(dst, o + 192 + ib, Math.min(127, Bytes.nearestInt(iscale * scales[ib])));
            }
            float dAll = Bytes.f16(dst, o + 208);
            for (int j = 0; j < 16; j++) {
                float d = dAll * Bytes.i8(dst, o + 192 + j);
                if (d == 0) {
                    continue;
                }
                for (int ii = 0; ii < 16; ii++) {
                    int l = Bytes.nearestInt(src[x + 16 * j + ii] / d);
                    L[16 * j + ii] = (byte) (KQuantSearch.clamp(l, -32, 31) + 32);
                }
            }
            for (int j = 0; j < 256; j += 128) {
                long ql = o + j / 2;
                long qh = o + 128 + j / 4;
                for (int l = 0; l < 32; l++) {
                    int q1 = L[j + l] & 0xF;
                    int q2 = L[j + l + 32] & 0xF;
                    int q3 = L[j + l + 64] & 0xF;
                    int q4 = L[j + l + 96] & 0xF;
                    Bytes.putU8(dst, ql + l, q1 | (q3 << 4));
                    Bytes.putU8(dst, ql + l + 32, q2 | (q4 << 4));
                    Bytes.putU8(dst, qh + l, (L[j + l] >> 4) | ((L[j + l + 32] >> 4) << 2)
                            | ((L[j + l + 64] >> 4) << 4) | ((L[j + l + 96] >> 4) << 6));
                }
            }
        }
    }

    @Override
    public float dotQuantized(MemorySegment w, long off, ActivationRows a, int row, int n) {
        byte[] q = a.quants();
        int qb = row * a.cols();
        int sb = row * (a.cols() / 256);
        float[] acc = new float[GgmlLanes.LANES];
        int[] lanes = new int[GgmlLanes.LANES];
        for (int b = 0; b < n / 256; b++) {
            long o = off + (long) BYTES * b;
            java.util.Arrays.fill(lanes, 0);
            for (int i = 0; i < 256; i++) {
                lanes[GgmlLanes.lane(i)] += Bytes.i8(w, o + 192 + i / 16) * (quant(w, o, i) - 32) * q[qb + b * 256 + i];
            }
            GgmlLanes.accumulate(acc, a.scales()[sb + b] * Bytes.f16(w, o + 208), lanes);
        }
        return GgmlLanes.hsum8(acc);
    }
}
