package dev.guild.runtime.quant.internal;

import dev.guild.runtime.quant.ActivationRows;
import dev.guild.runtime.tensor.GgmlType;

import java.lang.foreign.MemorySegment;

/**
 * Q4_K: 256 values {@code {f16 d; f16 dmin; u8 scales[12]; u8 qs[128]}} in 8 sub-blocks of 32 with 6-bit
 * scale and min each. Chunk c of 64 values uses qs[32c..32c+32): low nibbles are sub-block 2c, high
 * nibbles sub-block 2c+1; value = {@code d*sc*q - dmin*m}.
 */
public final class Q4_KCodec implements RowCodec {
    public static final int BYTES = 144;

    @Override
    public GgmlType activationType() {
        return GgmlType.Q8_K;
    }

    /** The 4-bit quant of element {@code i} (0..255) of the super-block at {@code o}. */
    static int quant(MemorySegment s, long o, int i) {
        int b = Bytes.u8(s, o + 16 + (i >>> 6) * 32 + (i & 31));
        return (i & 32) == 0 ? b & 0xF : b >>> 4;
    }

    @Override
    public void dequantize(MemorySegment src, long off, float[] dst, int dstOff, int n) {
        for (int b = 0; b < n / 256; b++) {
            long o = off + (long) BYTES * b;
            float d = Bytes.f16(src, o);
            float dmin = Bytes.f16(src, o + 2);
            for (int j = 0; j < 8; j++) {
                int sm = KQuantSearch.scaleMinK4(j, src, o + 4);
                float d1 = d * (sm & 0xFF);
                float m1 = dmin * (sm >>> 8);
                for (int l = 0; l < 32; l++) {
                    int i = j * 32 + l;
                    dst[dstOff + b * 256 + i] = d1 * quant(src, o, i) - m1;
                }
            }
        }
    }

    @Override
    public void quantize(float[] src, int srcOff, MemorySegment dst, long off, int n) {
        byte[] L = new byte[256];
        byte[] laux = new byte[32];
        float[] weights = new float[32];
        float[] mins = new float[8];
        float[] scales = new float[8];
        byte[] sc = new byte[12];
        for (int b = 0; b < n / 256; b++) {
            int x = srcOff + b * 256;
            long o = off + (long) BYTES * b;
            float maxScale = 0;
            float maxMin = 0;
            for (int j = 0; j < 8; j++) {
                float sumX2 = 0;
                for (int l = 0; l < 32; l++) {
                    sumX2 += src[x + 32 * j + l] * src[x + 32 * j + l];
                }
                float avX = (float) Math.sqrt(sumX2 / 32);
                for (int l = 0; l < 32; l++) {
                    weights[l] = avX + Math.abs(src[x + 32 * j + l]);
                }
                scales[j] = KQuantSearch.makeQkx2Quants(32, 15, src, x + 32 * j, weights, L, 32 * j, mins, j, laux,
                        -1.f, 0.1f, 20);
                maxScale = Math.max(maxScale, scales[j]);
                maxMin = Math.max(maxMin, mins[j]);
            }
            float invScale = maxScale > 0 ? 63.f / maxScale : 0.f;
            float invMin = maxMin > 0 ? 63.f / maxMin : 0.f;
            java.util.Arrays.fill(sc, (byte) 0);
            for (int j = 0; j < 8; j++) {
                int ls = Math.min(63, Bytes.nearestInt(invScale * scales[j]) & 0xFF);
                int lm = Math.min(63, Bytes.nearestInt(invMin * mins[j]) & 0xFF);
                if (j < 4) {
                    sc[j] = (byte) ls;
                    sc[j + 4] = (byte) lm;
                } else {
                    sc[j + 4] = (byte) ((ls & 0xF) | ((lm & 0xF) << 4));
                    sc[j - 4] |= (byte) ((ls >>> 4) << 6);
                    sc[j] |= (byte) ((lm >>> 4) << 6);
                }
            }
            Bytes.putF16(dst, o, maxScale / 63.f);
            Bytes.putF16(dst, o + 2, maxMin / 63.f);
            MemorySegment.copy(sc, 0, dst, java.lang.foreign.ValueLayout.JAVA_BYTE, o + 4, 12);
            float dAll = Bytes.f16(dst, o);
            float dminAll = Bytes.f16(dst, o + 2);
            for (int j = 0; j < 8; j++) {
                int sm = KQuantSearch.scaleMinK4(j, dst, o + 4);
                float d = dAll * (sm & 0xFF);
                if (d == 0) {
                    continue;
                }
                float dm = dminAll * (sm >>> 8);
                for (int ii = 0; ii < 32; ii++) {
                    int l = Bytes.nearestInt((src[x + 32 * j + ii] + dm) / d);
                    L[32 * j + ii] = (byte) KQuantSearch.clamp(l, 0, 15);
                }
            }
            for (int j = 0; j < 256; j += 64) {
                for (int l = 0; l < 32; l++) {
                    Bytes.putU8(dst, o + 16 + j / 2 + l, L[j + l] | (L[j + l + 32] << 4));
                }
            }
        }
    }

    @Override
    public float dotQuantized(MemorySegment w, long off, ActivationRows a, int row, int n) {
        byte[] q = a.quants();
        int qb = row * a.cols();
        int sb = row * (a.cols() / 256);
        short[] bsums = a.blockSums();
        float[] acc = new float[GgmlLanes.LANES];
        int[] lanes = new int[GgmlLanes.LANES];
        float[] accMin = new float[4];
        for (int b = 0; b < n / 256; b++) {
            long o = off + (long) BYTES * b;
            float dy = a.scales()[sb + b];
            float d = dy * Bytes.f16(w, o);
            float dmin = -dy * Bytes.f16(w, o + 2);
            java.util.Arrays.fill(lanes, 0);
            int[] mins = new int[8];
            for (int j = 0; j < 8; j++) {
                int sm = KQuantSearch.scaleMinK4(j, w, o + 4);
                for (int l = 0; l < 32; l++) {
                    int i = j * 32 + l;
                    lanes[GgmlLanes.lane(i)] += (sm & 0xFF) * quant(w, o, i) * q[qb + b * 256 + i];
                }
                int bs = (qb + b * 256) / 16 + 2 * j;
                mins[j] = (sm >>> 8) * (bsums[bs] + bsums[bs + 1]);
            }
            GgmlLanes.accumulate(acc, d, lanes);
            for (int k = 0; k < 4; k++) {
                accMin[k] = Math.fma(dmin, (float) (mins[2 * k] + mins[2 * k + 1]), accMin[k]);
            }
        }
        return GgmlLanes.hsum8(acc) + ((accMin[0] + accMin[2]) + (accMin[1] + accMin[3]));
    }
}
