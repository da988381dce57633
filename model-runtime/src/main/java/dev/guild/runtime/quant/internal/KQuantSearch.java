package dev.guild.runtime.quant.internal;

import java.lang.foreign.MemorySegment;

/**
 * The scale searches of ggml's K-quant reference quantizers ({@code make_qx_quants} with a null weight
 * vector, {@code make_qkx2_quants}), written operation for operation in float arithmetic so that the
 * chosen levels and scales are the ones ggml chooses.
 */
public final class KQuantSearch {
    static final float GROUP_MAX_EPS = 1e-15f;

    private KQuantSearch() {
    }

    /**
     * Symmetric levels {@code L[i] in [0, 2*nmax)} for {@code x[xo..xo+n)} with weights {@code x^2}
     * (rmse_type 1); returns the scale. Same as make_qx_quants(n, nmax, x, L, 1, NULL).
     */
    static float makeQxQuants(int n, int nmax, float[] x, int xo, byte[] L, int lo) {
        float max = 0;
        float amax = 0;
        for (int i = 0; i < n; ++i) {
            float ax = Math.abs(x[xo + i]);
            if (ax > amax) {
                amax = ax;
                max = x[xo + i];
            }
        }
        if (amax < GROUP_MAX_EPS) {
            for (int i = 0; i < n; ++i) {
                L[lo + i] = 0;
            }
            return 0.f;
        }
        float iscale = -nmax / max;
        float sumlx = 0;
        float suml2 = 0;
        for (int i = 0; i < n; ++i) {
            float xi = x[xo + i];
            int l = clamp(Bytes.nearestInt(iscale * xi), -nmax, nmax - 1);
            L[lo + i] = (byte) (l + nmax);
            float w = xi * xi;
            sumlx += w * xi * l;
            suml2 += w * l * l;
        }
        float scale = suml2 != 0 ? sumlx / suml2 : 0.0f;
        float best = scale * sumlx;
        for (int is = -9; is <= 9; ++is) {
            if (is == 0) {
                continue;
            }
            iscale = -(nmax + 0.1f * is) / max;
            sumlx = 0;
            suml2 = 0;
            for (int i = 0; i < n; ++i) {
                float xi = x[xo + i];
                int l = clamp(Bytes.nearestInt(iscale * xi), -nmax, nmax - 1);
                float w = xi * xi;
                sumlx += w * xi * l;
                suml2 += w * l * l;
            }
            if (suml2 > 0 && sumlx * sumlx > best * suml2) {
                for (int i = 0; i < n; ++i) {
                    int l = Bytes.nearestInt(iscale * x[xo + i]);
                    L[lo + i] = (byte) (nmax + clamp(l, -nmax, nmax - 1));
                }
                scale = sumlx / suml2;
                best = scale * sumlx;
            }
        }
        return scale;
    }

    /**
     * Asymmetric levels {@code L[i] in [0, nmax]} with a min for {@code x[xo..xo+n)}; returns the scale and
     * stores {@code -min} in {@code theMin[tmo]}. Same as make_qkx2_quants(..., use_mad = false).
     */
    static float makeQkx2Quants(int n, int nmax, float[] x, int xo, float[] weights, byte[] L, int lo,
                                float[] theMin, int tmo, byte[] laux, float rmin, float rdelta, int nstep) {
        float min = x[xo];
        float max = x[xo];
        float sumW = weights[0];
        float sumX = sumW * x[xo];
        for (int i = 1; i < n; ++i) {
            float xi = x[xo + i];
            if (xi < min) {
                min = xi;
            }
            if (xi > max) {
                max = xi;
            }
            float w = weights[i];
            sumW += w;
            sumX += w * xi;
        }
        if (min > 0) {
            min = 0;
        }
        if (max == min) {
            for (int i = 0; i < n; ++i) {
                L[lo + i] = 0;
            }
            theMin[tmo] = -min;
            return 0.f;
        }
        float iscale = nmax / (max - min);
        float scale = 1 / iscale;
        float bestError = 0;
        for (int i = 0; i < n; ++i) {
            int l = Bytes.nearestInt(iscale * (x[xo + i] - min));
            L[lo + i] = (byte) clamp(l, 0, nmax);
            float diff = scale * L[lo + i] + min - x[xo + i];
            bestError += weights[i] * (diff * diff);
        }
        if (nstep < 1) {
            theMin[tmo] = -min;
            return scale;
        }
        for (int is = 0; is <= nstep; ++is) {
            iscale = (rmin + rdelta * is + nmax) / (max - min);
            float sumL = 0;
            float sumL2 = 0;
            float sumXl = 0;
            for (int i = 0; i < n; ++i) {
                int l = clamp(Bytes.nearestInt(iscale * (x[xo + i] - min)), 0, nmax);
                laux[i] = (byte) l;
                float w = weights[i];
                sumL += w * l;
                sumL2 += w * l * l;
                sumXl += w * l * x[xo + i];
            }
            float det = sumW * sumL2 - sumL * sumL;
            if (det > 0) {
                float thisScale = (sumW * sumXl - sumX * sumL) / det;
                float thisMin = (sumL2 * sumX - sumL * sumXl) / det;
                if (thisMin > 0) {
                    thisMin = 0;
                    thisScale = sumXl / sumL2;
                }
                float curError = 0;
                for (int i = 0; i < n; ++i) {
                    float diff = thisScale * laux[i] + thisMin - x[xo + i];
                    curError += weights[i] * (diff * diff);
                }
                if (curError < bestError) {
                    System.arraycopy(laux, 0, L, lo, n);
                    bestError = curError;
                    scale = thisScale;
                    min = thisMin;
                }
            }
        }
        theMin[tmo] = -min;
        return scale;
    }

    static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** ggml's get_scale_min_k4: 6-bit scale (result bits 0..7) and min (bits 8..15) of sub-block {@code j}. */
    public static int scaleMinK4(int j, MemorySegment s, long scalesOff) {
        int sc;
        int m;
        if (j < 4) {
            sc = Bytes.u8(s, scalesOff + j) & 63;
            m = Bytes.u8(s, scalesOff + j + 4) & 63;
        } else {
            sc = (Bytes.u8(s, scalesOff + j + 4) & 0xF) | ((Bytes.u8(s, scalesOff + j - 4) >>> 6) << 4);
            m = (Bytes.u8(s, scalesOff + j + 4) >>> 4) | ((Bytes.u8(s, scalesOff + j) >>> 6) << 4);
        }
        return sc | (m << 8);
    }
}
