package dev.guild.runtime.kernel.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The outer-product tile kernel of the prefill path (AVX-512 only): the lanes run over tokens, not over columns.
 * The activations of a 64-token tile are transposed once per matmul ({@code xt[k * 64 + t]}); for each column k
 * the kernel broadcasts one decoded weight per row and adds {@code w[r][k] * xt[k][t..t+16]} to the row's
 * accumulators. There are no lane sums at all (the dot-product form of {@link VectorDot#dot4x4} spends a lane
 * sum per output), and every output is one fused multiply-add chain in column order, so results do not depend on
 * the vector width or on the JIT state.
 */
final class OuterTile {
    /** Tokens per transposed tile: four 16-lane vectors. */
    static final int T = 64;
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final int L = 16;
    /** Whether this CPU runs the kernel: 16 float lanes (AVX-512); AVX2 has too few registers for 16 accumulators. */
    static final boolean APPLIES = FloatVector.SPECIES_PREFERRED.length() == L && VectorMatMul.TOKEN_TILE == T;

    private OuterTile() {
    }

    /**
     * Copies token rows {@code [from, to)} of {@code x} (row t at {@code xo + t * cols}) into the transposed tiles
     * {@code xt}: token t, column k at {@code (t / 64) * cols * 64 + k * 64 + t % 64}.
     */
    static void transpose(float[] x, int xo, int cols, int from, int to, float[] xt) {
        for (int t = from; t < to; t++) {
            int src = xo + t * cols;
            int dst = (t / T) * cols * T + t % T;
            for (int k = 0; k < cols; k++) {
                xt[dst + k * T] = x[src + k];
            }
        }
    }

    /** Room the transposed tiles of {@code batch} tokens need. */
    static int size(int batch, int cols) {
        return ((batch + T - 1) / T) * T * cols;
    }

    /**
     * 4 decoded weight rows ({@code w[i * cols + k]}) times {@code 16 * vectors} tokens (1, 2 or 4 vectors) of the
     * transposed tile at {@code xt[xto + k * 64 + t]}: {@code y[yo + t * rows + i]}.
     */
    static void rows4(float[] w, int cols, float[] xt, int xto, int vectors, float[] y, int yo, int rows) {
        float[] acc = VectorMatMul.sumScratch(16 * L);
        switch (vectors) {
            case 4 -> rows4x4(w, cols, xt, xto, acc);
            case 2 -> rows4x2(w, cols, xt, xto, acc);
            case 1 -> rows4x1(w, cols, xt, xto, acc);
            default -> throw new IllegalArgumentException("1, 2 or 4 token vectors per call, got " + vectors);
        }
        for (int i = 0; i < 4; i++) {
            for (int t = 0; t < vectors * L; t++) {
                y[yo + t * rows + i] = acc[i * 4 * L + t];
            }
        }
    }

    private static void rows4x4(float[] w, int cols, float[] xt, int xto, float[] acc) {
        FloatVector a00 = FloatVector.zero(S), a01 = a00, a02 = a00, a03 = a00;
        FloatVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
        FloatVector a20 = a00, a21 = a00, a22 = a00, a23 = a00;
        FloatVector a30 = a00, a31 = a00, a32 = a00, a33 = a00;
        int w1 = cols, w2 = 2 * cols, w3 = 3 * cols;
        for (int k = 0, at = xto; k < cols; k++, at += T) {
            FloatVector v0 = FloatVector.fromArray(S, xt, at);
            FloatVector v1 = FloatVector.fromArray(S, xt, at + L);
            FloatVector v2 = FloatVector.fromArray(S, xt, at + 2 * L);
            FloatVector v3 = FloatVector.fromArray(S, xt, at + 3 * L);
            FloatVector b = FloatVector.broadcast(S, w[k]);
            a00 = v0.fma(b, a00);
            a01 = v1.fma(b, a01);
            a02 = v2.fma(b, a02);
            a03 = v3.fma(b, a03);
            b = FloatVector.broadcast(S, w[w1 + k]);
            a10 = v0.fma(b, a10);
            a11 = v1.fma(b, a11);
            a12 = v2.fma(b, a12);
            a13 = v3.fma(b, a13);
            b = FloatVector.broadcast(S, w[w2 + k]);
            a20 = v0.fma(b, a20);
            a21 = v1.fma(b, a21);
            a22 = v2.fma(b, a22);
            a23 = v3.fma(b, a23);
            b = FloatVector.broadcast(S, w[w3 + k]);
            a30 = v0.fma(b, a30);
            a31 = v1.fma(b, a31);
            a32 = v2.fma(b, a32);
            a33 = v3.fma(b, a33);
        }
        a00.intoArray(acc, 0);
        a01.intoArray(acc, L);
        a02.intoArray(acc, 2 * L);
        a03.intoArray(acc, 3 * L);
        a10.intoArray(acc, 4 * L);
        a11.intoArray(acc, 5 * L);
        a12.intoArray(acc, 6 * L);
        a13.intoArray(acc, 7 * L);
        a20.intoArray(acc, 8 * L);
        a21.intoArray(acc, 9 * L);
        a22.intoArray(acc, 10 * L);
        a23.intoArray(acc, 11 * L);
        a30.intoArray(acc, 12 * L);
        a31.intoArray(acc, 13 * L);
        a32.intoArray(acc, 14 * L);
        a33.intoArray(acc, 15 * L);
    }

    private static void rows4x2(float[] w, int cols, float[] xt, int xto, float[] acc) {
        FloatVector a00 = FloatVector.zero(S), a01 = a00, a10 = a00, a11 = a00;
        FloatVector a20 = a00, a21 = a00, a30 = a00, a31 = a00;
        int w1 = cols, w2 = 2 * cols, w3 = 3 * cols;
        for (int k = 0, at = xto; k < cols; k++, at += T) {
            FloatVector v0 = FloatVector.fromArray(S, xt, at);
            FloatVector v1 = FloatVector.fromArray(S, xt, at + L);
            FloatVector b = FloatVector.broadcast(S, w[k]);
            a00 = v0.fma(b, a00);
            a01 = v1.fma(b, a01);
            b = FloatVector.broadcast(S, w[w1 + k]);
            a10 = v0.fma(b, a10);
            a11 = v1.fma(b, a11);
            b = FloatVector.broadcast(S, w[w2 + k]);
            a20 = v0.fma(b, a20);
            a21 = v1.fma(b, a21);
            b = FloatVector.broadcast(S, w[w3 + k]);
            a30 = v0.fma(b, a30);
            a31 = v1.fma(b, a31);
        }
        a00.intoArray(acc, 0);
        a01.intoArray(acc, L);
        a10.intoArray(acc, 4 * L);
        a11.intoArray(acc, 5 * L);
        a20.intoArray(acc, 8 * L);
        a21.intoArray(acc, 9 * L);
        a30.intoArray(acc, 12 * L);
        a31.intoArray(acc, 13 * L);
    }

    private static void rows4x1(float[] w, int cols, float[] xt, int xto, float[] acc) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        int w1 = cols, w2 = 2 * cols, w3 = 3 * cols;
        for (int k = 0, at = xto; k < cols; k++, at += T) {
            FloatVector v = FloatVector.fromArray(S, xt, at);
            a0 = v.fma(FloatVector.broadcast(S, w[k]), a0);
            a1 = v.fma(FloatVector.broadcast(S, w[w1 + k]), a1);
            a2 = v.fma(FloatVector.broadcast(S, w[w2 + k]), a2);
            a3 = v.fma(FloatVector.broadcast(S, w[w3 + k]), a3);
        }
        a0.intoArray(acc, 0);
        a1.intoArray(acc, 4 * L);
        a2.intoArray(acc, 8 * L);
        a3.intoArray(acc, 12 * L);
    }
}
