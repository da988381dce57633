package dev.guild.runtime.kernel.internal;

import dev.guild.runtime.quant.internal.Bytes;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Decode-and-dot kernels for one weight row and one activation row (the decode path, batch 1..3): weight
 * quants are widened to 16 float lanes in registers, multiplied with the activations and summed per block,
 * and the block sum is scaled once ({@code d * sum(q * x)}), so no dequantized row is written. Named
 * {@code dot<weight type><activation type>}; activations are floats (the GGML path passes the values its
 * Q8 activations stand for). K-quant mins use the per-32 activation sums {@code xsum}.
 */
final class FusedDot {
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final VectorSpecies<Byte> B16 = ByteVector.SPECIES_128;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_512;

    private FusedDot() {
    }

    private static FloatVector x16(float[] x, int at) {
        return FloatVector.fromArray(F, x, at);
    }

    static float dotQ8_0F32(MemorySegment s, long off, float[] x, int xo, int n) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = acc0;
        int nb = n / 32;
        int b = 0;
        for (; b + 1 < nb; b += 2) {
            long p = off + 34L * b;
            FloatVector s0 = Lanes.widen(ByteVector.fromMemorySegment(B16, s, p + 2, LE)).mul(x16(x, xo + 32 * b));
            s0 = Lanes.widen(ByteVector.fromMemorySegment(B16, s, p + 18, LE)).fma(x16(x, xo + 32 * b + 16), s0);
            FloatVector s1 = Lanes.widen(ByteVector.fromMemorySegment(B16, s, p + 36, LE)).mul(x16(x, xo + 32 * b + 32));
            s1 = Lanes.widen(ByteVector.fromMemorySegment(B16, s, p + 52, LE)).fma(x16(x, xo + 32 * b + 48), s1);
            acc0 = s0.fma(FloatVector.broadcast(F, Bytes.f16(s, p)), acc0);
            acc1 = s1.fma(FloatVector.broadcast(F, Bytes.f16(s, p + 34)), acc1);
        }
        for (; b < nb; b++) {
            long p = off + 34L * b;
            FloatVector s0 = Lanes.widen(ByteVector.fromMemorySegment(B16, s, p + 2, LE)).mul(x16(x, xo + 32 * b));
            s0 = Lanes.widen(ByteVector.fromMemorySegment(B16, s, p + 18, LE)).fma(x16(x, xo + 32 * b + 16), s0);
            acc0 = s0.fma(FloatVector.broadcast(F, Bytes.f16(s, p)), acc0);
        }
        return acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    }

    static float dotQ4_0F32(MemorySegment s, long off, float[] x, int xo, int n) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = acc0;
        int nb = n / 32;
        for (int b = 0; b < nb; b++) {
            long p = off + 18L * b;
            ByteVector q = ByteVector.fromMemorySegment(B16, s, p + 2, LE);
            FloatVector s0 = Lanes.widen(q.and((byte) 0xF).sub((byte) 8)).mul(x16(x, xo + 32 * b));
            s0 = Lanes.widen(Lanes.high(q).sub((byte) 8)).fma(x16(x, xo + 32 * b + 16), s0);
            if ((b & 1) == 0) {
                acc0 = s0.fma(FloatVector.broadcast(F, Bytes.f16(s, p)), acc0);
            } else {
                acc1 = s0.fma(FloatVector.broadcast(F, Bytes.f16(s, p)), acc1);
            }
        }
        return acc0.add(acc1).reduceLanes(VectorOperators.ADD);
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
                ByteVector qa = ByteVector.fromMemorySegment(B16, s, p + 16 + 32L * c, LE);
                ByteVector qb = ByteVector.fromMemorySegment(B16, s, p + 32 + 32L * c, LE);
                int base = xb + 64 * c;
                FloatVector lo = Lanes.widen(qa.and((byte) 0xF)).mul(x16(x, base));
                lo = Lanes.widen(qb.and((byte) 0xF)).fma(x16(x, base + 16), lo);
                FloatVector hi = Lanes.widen(Lanes.high(qa)).mul(x16(x, base + 32));
                hi = Lanes.widen(Lanes.high(qb)).fma(x16(x, base + 48), hi);
                int j = 2 * c;
                acc = lo.fma(FloatVector.broadcast(F, d * (int) ((scales >>> (8 * j)) & 0xFF)), acc);
                acc1 = hi.fma(FloatVector.broadcast(F, d * (int) ((scales >>> (8 * j + 8)) & 0xFF)), acc1);
            }
        }
        return acc.add(acc1).reduceLanes(VectorOperators.ADD) - mins;
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
     * Q6_K; {@code acc} is a 16-float per-thread scratch that carries the lane sums between the 32-value
     * pieces (a vector argument would be boxed whenever C2 declines to inline the piece).
     */
    static float dotQ6_KF32(MemorySegment s, long off, float[] x, int xo, int n, float[] acc) {
        FloatVector.zero(F).intoArray(acc, 0);
        for (int b = 0; b < n / 256; b++) {
            long p = off + 210L * b;
            float d = Bytes.f16(s, p + 208);
            for (int g = 0; g < 8; g++) {
                q6Pair(s, p, g >> 2, (g >> 1) & 1, g & 1, d, x, xo + 256 * b, acc);
            }
        }
        return FloatVector.fromArray(F, acc, 0).reduceLanes(VectorOperators.ADD);
    }

    /**
     * 32 values of a Q6_K super-block: lanes l = 16k..16k+16 of half h, from ql[l] (pair 0: elements l and
     * l+64) or ql[l+32] (pair 1: elements l+32 and l+96), with their 2-bit highs from qh[l]; adds the
     * products to the lane sums in {@code acc}. Small enough for C2 to intrinsify every vector operation.
     */
    private static void q6Pair(MemorySegment s, long p, int h, int k, int pair, float d, float[] x, int xb, float[] acc) {
        ByteVector ql = ByteVector.fromMemorySegment(B16, s, p + 64L * h + 32L * pair + 16L * k, LE);
        ByteVector qh = ByteVector.fromMemorySegment(B16, s, p + 128 + 32L * h + 16L * k, LE);
        int shift = 2 * pair;
        int base = xb + 128 * h + 16 * k + 32 * pair;
        long sc = p + 192 + 8L * h + k + 2L * pair;
        ByteVector lo = Lanes.q6Low(ql, qh, shift);
        ByteVector hi = Lanes.q6High(ql, qh, shift);
        FloatVector a = Lanes.widen(lo).mul(x16(x, base))
                .fma(FloatVector.broadcast(F, d * s.get(ValueLayout.JAVA_BYTE, sc)), FloatVector.fromArray(F, acc, 0));
        Lanes.widen(hi).mul(x16(x, base + 64)).fma(FloatVector.broadcast(F, d * s.get(ValueLayout.JAVA_BYTE, sc + 4)), a)
                .intoArray(acc, 0);
    }
}
