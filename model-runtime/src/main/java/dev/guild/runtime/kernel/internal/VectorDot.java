package dev.guild.runtime.kernel.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked float dot products of decoded weight rows with activation rows, both with stride
 * {@code cols}: {@code y[t * yStride + r] = dot(w row r, x row t)}. Kernels are named
 * {@code dot<rows>x<tokens>}: a vector loop over {@code cols} plus a scalar tail.
 */
final class VectorDot {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorDot() {
    }

    /** 4 weight rows at {@code w[wo + i*cols]} times 4 tokens at {@code x[xo + j*xs]}: 16 accumulators. */
    static void dot4x4(float[] w, int wo, float[] x, int xo, int xs, int cols, float[] y, int yo, int yStride) {
        FloatVector a00 = FloatVector.zero(S), a01 = a00, a02 = a00, a03 = a00;
        FloatVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
        FloatVector a20 = a00, a21 = a00, a22 = a00, a23 = a00;
        FloatVector a30 = a00, a31 = a00, a32 = a00, a33 = a00;
        int w1 = wo + cols, w2 = w1 + cols, w3 = w2 + cols;
        int x1 = xo + xs, x2 = x1 + xs, x3 = x2 + xs;
        int bound = S.loopBound(cols);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector v0 = FloatVector.fromArray(S, x, xo + i);
            FloatVector v1 = FloatVector.fromArray(S, x, x1 + i);
            FloatVector v2 = FloatVector.fromArray(S, x, x2 + i);
            FloatVector v3 = FloatVector.fromArray(S, x, x3 + i);
            FloatVector r = FloatVector.fromArray(S, w, wo + i);
            a00 = r.fma(v0, a00);
            a01 = r.fma(v1, a01);
            a02 = r.fma(v2, a02);
            a03 = r.fma(v3, a03);
            r = FloatVector.fromArray(S, w, w1 + i);
            a10 = r.fma(v0, a10);
            a11 = r.fma(v1, a11);
            a12 = r.fma(v2, a12);
            a13 = r.fma(v3, a13);
            r = FloatVector.fromArray(S, w, w2 + i);
            a20 = r.fma(v0, a20);
            a21 = r.fma(v1, a21);
            a22 = r.fma(v2, a22);
            a23 = r.fma(v3, a23);
            r = FloatVector.fromArray(S, w, w3 + i);
            a30 = r.fma(v0, a30);
            a31 = r.fma(v1, a31);
            a32 = r.fma(v2, a32);
            a33 = r.fma(v3, a33);
        }
        // The 16 lane sums go through memory: inlined 16 times, Lanes.sum hits C2's node-count cutoff and the
        // accumulators are boxed (a quarter of the kernel's time); one loop over the stored lanes inlines once.
        float[] t = VectorMatMul.sumScratch(16 * L + 16);
        a00.intoArray(t, 0);
        a10.intoArray(t, L);
        a20.intoArray(t, 2 * L);
        a30.intoArray(t, 3 * L);
        a01.intoArray(t, 4 * L);
        a11.intoArray(t, 5 * L);
        a21.intoArray(t, 6 * L);
        a31.intoArray(t, 7 * L);
        a02.intoArray(t, 8 * L);
        a12.intoArray(t, 9 * L);
        a22.intoArray(t, 10 * L);
        a32.intoArray(t, 11 * L);
        a03.intoArray(t, 12 * L);
        a13.intoArray(t, 13 * L);
        a23.intoArray(t, 14 * L);
        a33.intoArray(t, 15 * L);
        Lanes.sums(t, 16, 16 * L);
        for (int j = 0; j < 4; j++) {
            int xj = xo + j * xs;
            int yj = yo + j * yStride;
            int o = 16 * L + 4 * j;
            y[yj] = t[o] + tail(w, wo, x, xj, i, cols);
            y[yj + 1] = t[o + 1] + tail(w, w1, x, xj, i, cols);
            y[yj + 2] = t[o + 2] + tail(w, w2, x, xj, i, cols);
            y[yj + 3] = t[o + 3] + tail(w, w3, x, xj, i, cols);
        }
    }

    /** 4 weight rows times 1 token (decode): 4 rows x 2 accumulators. */
    static void dot4x1(float[] w, int wo, float[] x, int xo, int cols, float[] y, int yo) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        FloatVector b0 = a0, b1 = a0, b2 = a0, b3 = a0;
        int w1 = wo + cols, w2 = w1 + cols, w3 = w2 + cols;
        int bound2 = cols - 2 * L + 1;
        int i = 0;
        for (; i < bound2; i += 2 * L) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            FloatVector u = FloatVector.fromArray(S, x, xo + i + L);
            a0 = FloatVector.fromArray(S, w, wo + i).fma(v, a0);
            b0 = FloatVector.fromArray(S, w, wo + i + L).fma(u, b0);
            a1 = FloatVector.fromArray(S, w, w1 + i).fma(v, a1);
            b1 = FloatVector.fromArray(S, w, w1 + i + L).fma(u, b1);
            a2 = FloatVector.fromArray(S, w, w2 + i).fma(v, a2);
            b2 = FloatVector.fromArray(S, w, w2 + i + L).fma(u, b2);
            a3 = FloatVector.fromArray(S, w, w3 + i).fma(v, a3);
            b3 = FloatVector.fromArray(S, w, w3 + i + L).fma(u, b3);
        }
        for (; i < S.loopBound(cols); i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            a0 = FloatVector.fromArray(S, w, wo + i).fma(v, a0);
            a1 = FloatVector.fromArray(S, w, w1 + i).fma(v, a1);
            a2 = FloatVector.fromArray(S, w, w2 + i).fma(v, a2);
            a3 = FloatVector.fromArray(S, w, w3 + i).fma(v, a3);
        }
        y[yo] = Lanes.sum(a0.add(b0)) + tail(w, wo, x, xo, i, cols);
        y[yo + 1] = Lanes.sum(a1.add(b1)) + tail(w, w1, x, xo, i, cols);
        y[yo + 2] = Lanes.sum(a2.add(b2)) + tail(w, w2, x, xo, i, cols);
        y[yo + 3] = Lanes.sum(a3.add(b3)) + tail(w, w3, x, xo, i, cols);
    }

    /** 1 weight row times 1 token: 4 accumulators. */
    static float dot1x1(float[] w, int wo, float[] x, int xo, int cols) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        int i = 0;
        for (; i < cols - 4 * L + 1; i += 4 * L) {
            a0 = FloatVector.fromArray(S, w, wo + i).fma(FloatVector.fromArray(S, x, xo + i), a0);
            a1 = FloatVector.fromArray(S, w, wo + i + L).fma(FloatVector.fromArray(S, x, xo + i + L), a1);
            a2 = FloatVector.fromArray(S, w, wo + i + 2 * L).fma(FloatVector.fromArray(S, x, xo + i + 2 * L), a2);
            a3 = FloatVector.fromArray(S, w, wo + i + 3 * L).fma(FloatVector.fromArray(S, x, xo + i + 3 * L), a3);
        }
        for (; i < S.loopBound(cols); i += L) {
            a0 = FloatVector.fromArray(S, w, wo + i).fma(FloatVector.fromArray(S, x, xo + i), a0);
        }
        return Lanes.sum(a0.add(a1).add(a2.add(a3))) + tail(w, wo, x, xo, i, cols);
    }

    private static float tail(float[] w, int wo, float[] x, int xo, int from, int cols) {
        float s = 0;
        for (int i = from; i < cols; i++) {
            s += w[wo + i] * x[xo + i];
        }
        return s;
    }
}
