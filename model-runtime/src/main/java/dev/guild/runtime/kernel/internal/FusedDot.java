package dev.guild.runtime.kernel.internal;

import dev.guild.runtime.quant.internal.Bytes;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Decode-and-dot kernels for one weight row and one activation row (the decode path, batch 1..3): weight
 * quants are widened to {@link Lanes#L} float lanes in registers (16 with AVX-512, 8 with AVX2), multiplied with the activations and summed per block,
 * and the block sum is scaled once ({@code d * sum(q * x)}), so no dequantized row is written. Named
 * {@code dot<weight type><activation type>}; activations are floats (the GGML path passes the values its
 * Q8 activations stand for). K-quant mins use the per-32 activation sums {@code xsum}.
 */
final class FusedDot {
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final VectorSpecies<Byte> B = Lanes.BYTES;
    private static final VectorSpecies<Float> F = Lanes.F;
    private static final int L = Lanes.L;

    private FusedDot() {
    }

    private static FloatVector xs(float[] x, int at) {
        return FloatVector.fromArray(F, x, at);
    }

    private static FloatVector q8(MemorySegment s, long at) {
        return Lanes.widen(ByteVector.fromMemorySegment(B, s, at, LE));
    }

    /** sum over the 32 elements of a Q8_0 block at {@code p} of q * x, in float lanes (not yet scaled). */
    private static FloatVector q8Block(MemorySegment s, long p, float[] x, int xb) {
        FloatVector v = q8(s, p + 2).mul(xs(x, xb));
        for (int j = L; j < 32; j += L) {
            v = q8(s, p + 2 + j).fma(xs(x, xb + j), v);
        }
        return v;
    }

    static float dotQ8_0F32(MemorySegment s, long off, float[] x, int xo, int n) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = acc0;
        int nb = n / 32;
        int b = 0;
        for (; b + 1 < nb; b += 2) {
            long p = off + 34L * b;
            FloatVector s0 = q8Block(s, p, x, xo + 32 * b);
            FloatVector s1 = q8Block(s, p + 34, x, xo + 32 * b + 32);
            acc0 = s0.fma(FloatVector.broadcast(F, Bytes.f16(s, p)), acc0);
            acc1 = s1.fma(FloatVector.broadcast(F, Bytes.f16(s, p + 34)), acc1);
        }
        for (; b < nb; b++) {
            long p = off + 34L * b;
            acc0 = q8Block(s, p, x, xo + 32 * b).fma(FloatVector.broadcast(F, Bytes.f16(s, p)), acc0);
        }
        return Lanes.sum(acc0.add(acc1));
    }

    static float dotQ4_0F32(MemorySegment s, long off, float[] x, int xo, int n) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = acc0;
        int nb = n / 32;
        for (int b = 0; b < nb; b++) {
            long p = off + 18L * b;
            int xb = xo + 32 * b;
            FloatVector s0 = FloatVector.zero(F);
            for (int j = 0; j < 16; j += L) {
                ByteVector q = ByteVector.fromMemorySegment(B, s, p + 2 + j, LE);
                s0 = Lanes.widen(q.and((byte) 0xF).sub((byte) 8)).fma(xs(x, xb + j), s0);
                s0 = Lanes.widen(Lanes.high(q).sub((byte) 8)).fma(xs(x, xb + 16 + j), s0);
            }
            if ((b & 1) == 0) {
                acc0 = s0.fma(FloatVector.broadcast(F, Bytes.f16(s, p)), acc0);
            } else {
                acc1 = s0.fma(FloatVector.broadcast(F, Bytes.f16(s, p)), acc1);
            }
        }
        return Lanes.sum(acc0.add(acc1));
    }

    /**
     * Q4_K: {@code sum_sub d*sc * sum(q*x) - dmin*m * xsum[sub]}; {@code xsum[so + k]} is the sum of the 32
     * activations of sub-block k of the row.
     */
    static float dotQ4_KF32(MemorySegment s, long off, float[] x, int xo, float[] xsum, int so, int n) {
        FloatVector acc = FloatVector.zero(F);
        FloatVector acc1 = acc;
        float mins = 0;
        for (int b = 0; b < n / 256; b++) {
            long p = off + 144L * b;
            float d = Bytes.f16(s, p);
            float dmin = Bytes.f16(s, p + 2);
            long sc = p + 4;
            int q0 = s.get(Bytes.LE_INT, sc);
            int q4 = s.get(Bytes.LE_INT, sc + 4);
            int q8 = s.get(Bytes.LE_INT, sc + 8);
            long scales = q4kScales(q0, q8);
            long ms = q4kMins(q4, q8);
            int xb = xo + 256 * b;
            int sb = so + 8 * b;
            float msum = 0;
            for (int j = 0; j < 8; j++) {
                msum += (int) ((ms >>> (8 * j)) & 0xFF) * xsum[sb + j];
            }
            mins += dmin * msum;
            for (int c = 0; c < 4; c++) {
                int base = xb + 64 * c;
                FloatVector lo = FloatVector.zero(F);
                FloatVector hi = lo;
                for (int j = 0; j < 32; j += L) {
                    ByteVector q = ByteVector.fromMemorySegment(B, s, p + 16 + 32L * c + j, LE);
                    lo = Lanes.widen(q.and((byte) 0xF)).fma(xs(x, base + j), lo);
                    hi = Lanes.widen(Lanes.high(q)).fma(xs(x, base + 32 + j), hi);
                }
                int j = 2 * c;
                acc = lo.fma(FloatVector.broadcast(F, d * (int) ((scales >>> (8 * j)) & 0xFF)), acc);
                acc1 = hi.fma(FloatVector.broadcast(F, d * (int) ((scales >>> (8 * j + 8)) & 0xFF)), acc1);
            }
        }
        return Lanes.sum(acc.add(acc1)) - mins;
    }

    private static final VectorSpecies<Float> F16 = FloatVector.SPECIES_512;
    private static final VectorShuffle<Float> PAIR = VectorShuffle.fromOp(F16, i -> i ^ 1);
    private static final VectorShuffle<Float> QUAD = VectorShuffle.fromOp(F16, i -> i ^ 2);
    /** Whether {@link #dotQ4_KQ8_K} runs here: 16 float lanes (AVX-512). */
    static final boolean EXACT_K = L == 16;

    /**
     * Q4_K weights times Q8_K activations in ggml-cpu's float order, bit-identical to the reference dot
     * ({@code Q4_KCodec.dotQuantized}) and to llama.cpp's AVX2 {@code vec_dot_q4_K_q8_K}. {@code xq} holds the
     * activation quants as floats (row at {@code xo}), {@code dy} and {@code bsums} the Q8_K scale of each 256 and
     * sums of each 16 quants of the row. Products of 4-bit levels, 8-bit quants and 6-bit scales stay exact
     * integers in float lanes (below 2^24), so summing them in any order gives ggml's integer lane sums: lanes
     * {@code 4l..4l+3} of a 32-value sub-block form ggml lane {@code l}, which {@link #PAIR} and {@link #QUAD}
     * sum into every lane of the quad; each block then adds {@code fma(d, lane, acc)} in all 16 lanes, and lanes
     * 0, 4, 8, 12 of the two accumulators are ggml's 8 float lanes. Needs 16 float lanes ({@link #EXACT_K}).
     */
    static float dotQ4_KQ8_K(MemorySegment s, long off, float[] xq, int xo, float[] dy, short[] bsums, int so, int n) {
        FloatVector accA = FloatVector.zero(F16);
        FloatVector accB = accA;
        float m0 = 0, m1 = 0, m2 = 0, m3 = 0;
        for (int b = 0; b < n / 256; b++) {
            long p = off + 144L * b;
            float dyb = dy[so / 16 + b];
            float d = dyb * Bytes.f16(s, p);
            float dmin = -dyb * Bytes.f16(s, p + 2);
            long sc = p + 4;
            int q0 = s.get(Bytes.LE_INT, sc);
            int q4 = s.get(Bytes.LE_INT, sc + 4);
            int q8 = s.get(Bytes.LE_INT, sc + 8);
            long scales = q4kScales(q0, q8);
            long ms = q4kMins(q4, q8);
            int xb = xo + 256 * b;
            FloatVector a = FloatVector.zero(F16);
            FloatVector bv = a;
            for (int c = 0; c < 4; c++) {
                long qp = p + 16 + 32L * c;
                int base = xb + 64 * c;
                ByteVector q = ByteVector.fromMemorySegment(B, s, qp, LE);
                ByteVector r = ByteVector.fromMemorySegment(B, s, qp + 16, LE);
                FloatVector sLo = FloatVector.broadcast(F16, (float) ((scales >>> (16 * c)) & 0xFF));
                FloatVector sHi = FloatVector.broadcast(F16, (float) ((scales >>> (16 * c + 8)) & 0xFF));
                a = Lanes.widen(Lanes.low(q)).mul(xs16(xq, base)).fma(sLo, a);
                bv = Lanes.widen(Lanes.low(r)).mul(xs16(xq, base + 16)).fma(sLo, bv);
                a = Lanes.widen(Lanes.high(q)).mul(xs16(xq, base + 32)).fma(sHi, a);
                bv = Lanes.widen(Lanes.high(r)).mul(xs16(xq, base + 48)).fma(sHi, bv);
            }
            a = a.add(a.rearrange(PAIR));
            bv = bv.add(bv.rearrange(PAIR));
            FloatVector dv = FloatVector.broadcast(F16, d);
            accA = a.add(a.rearrange(QUAD)).fma(dv, accA);
            accB = bv.add(bv.rearrange(QUAD)).fma(dv, accB);
            int bs = so + 16 * b;
            m0 = Math.fma(dmin, (float) minPair(ms, bsums, bs, 0), m0);
            m1 = Math.fma(dmin, (float) minPair(ms, bsums, bs, 1), m1);
            m2 = Math.fma(dmin, (float) minPair(ms, bsums, bs, 2), m2);
            m3 = Math.fma(dmin, (float) minPair(ms, bsums, bs, 3), m3);
        }
        float r0 = accB.lane(0) + accA.lane(0);
        float r1 = accB.lane(4) + accA.lane(4);
        float r2 = accB.lane(8) + accA.lane(8);
        float r3 = accB.lane(12) + accA.lane(12);
        return ((r0 + r2) + (r1 + r3)) + ((m0 + m2) + (m1 + m3));
    }

    /** ggml's min products of sub-blocks {@code 2k, 2k+1}: {@code m * (sum of their 32 activation quants)}. */
    private static int minPair(long ms, short[] bsums, int bs, int k) {
        int j = 2 * k;
        return (int) ((ms >>> (8 * j)) & 0xFF) * (bsums[bs + 2 * j] + bsums[bs + 2 * j + 1])
                + (int) ((ms >>> (8 * j + 8)) & 0xFF) * (bsums[bs + 2 * j + 2] + bsums[bs + 2 * j + 3]);
    }

    private static FloatVector xs16(float[] x, int at) {
        return FloatVector.fromArray(F16, x, at);
    }

    /**
     * The eight 6-bit scales of a Q4_K super-block, byte j of the result = scale of sub-block j, from the
     * 12 scale bytes read as little-endian ints {@code q0 = bytes 0..3}, {@code q8 = bytes 8..11}.
     */
    static long q4kScales(int q0, int q8) {
        int lo = q0 & 0x3f3f3f3f;
        int hi = (q8 & 0x0f0f0f0f) | (((q0 >>> 6) & 0x03030303) << 4);
        return (lo & 0xFFFFFFFFL) | ((long) hi << 32);
    }

    /** The eight 6-bit mins of a Q4_K super-block, as {@link #q4kScales} ({@code q4 = bytes 4..7}). */
    static long q4kMins(int q4, int q8) {
        int lo = q4 & 0x3f3f3f3f;
        int hi = ((q8 >>> 4) & 0x0f0f0f0f) | (((q4 >>> 6) & 0x03030303) << 4);
        return (lo & 0xFFFFFFFFL) | ((long) hi << 32);
    }

    /**
     * Q6_K; {@code acc} is a per-thread scratch of at least 16 floats that carries the lane sums between the
     * pieces (a vector argument would be boxed whenever C2 declines to inline the piece).
     */
    static float dotQ6_KF32(MemorySegment s, long off, float[] x, int xo, int n, float[] acc) {
        FloatVector.zero(F).intoArray(acc, 0);
        for (int b = 0; b < n / 256; b++) {
            long p = off + 210L * b;
            float d = Bytes.f16(s, p + 208);
            for (int g = 0; g < 8; g++) {
                for (int j = 0; j < 16; j += L) {
                    q6Piece(s, p, g >> 2, (g >> 1) & 1, g & 1, j, d, x, xo + 256 * b, acc);
                }
            }
        }
        return Lanes.sum(FloatVector.fromArray(F, acc, 0));
    }

    /**
     * {@code 2 L} values of a Q6_K super-block: lanes l = 16k+j..16k+j+L of half h, from ql[l] (pair 0: elements
     * l and l+64) or ql[l+32] (pair 1: elements l+32 and l+96), with their 2-bit highs from qh[l]; adds the
     * products to the lane sums in {@code acc}. Small enough for C2 to intrinsify every vector operation.
     */
    private static void q6Piece(MemorySegment s, long p, int h, int k, int pair, int j, float d, float[] x, int xb,
                                float[] acc) {
        ByteVector ql = ByteVector.fromMemorySegment(B, s, p + 64L * h + 32L * pair + 16L * k + j, LE);
        ByteVector qh = ByteVector.fromMemorySegment(B, s, p + 128 + 32L * h + 16L * k + j, LE);
        int shift = 2 * pair;
        int base = xb + 128 * h + 16 * k + 32 * pair + j;
        long sc = p + 192 + 8L * h + k + 2L * pair;
        ByteVector lo = Lanes.q6Low(ql, qh, shift);
        ByteVector hi = Lanes.q6High(ql, qh, shift);
        FloatVector a = Lanes.widen(lo).mul(xs(x, base))
                .fma(FloatVector.broadcast(F, d * s.get(ValueLayout.JAVA_BYTE, sc)), FloatVector.fromArray(F, acc, 0));
        Lanes.widen(hi).mul(xs(x, base + 64)).fma(FloatVector.broadcast(F, d * s.get(ValueLayout.JAVA_BYTE, sc + 4)), a)
                .intoArray(acc, 0);
    }
}
