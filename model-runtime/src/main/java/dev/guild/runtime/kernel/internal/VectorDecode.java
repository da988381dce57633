package dev.guild.runtime.kernel.internal;

import dev.guild.runtime.quant.internal.Bytes;
import dev.guild.runtime.quant.internal.Codecs;
import dev.guild.runtime.quant.internal.KQuantSearch;
import dev.guild.runtime.tensor.GgmlType;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Vectorized row dequantization into a float scratch row: pieces of {@link Lanes#L} quant bytes (16 with
 * AVX-512, 8 with AVX2) widened to float lanes ({@code B2F}), nibbles split with byte shifts and masks.
 * Produces exactly the values of the scalar reference (same products {@code level * d}, {@code d*sc*q - dmin*m}).
 */
final class VectorDecode {
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final VectorSpecies<Byte> B = Lanes.BYTES;
    private static final VectorSpecies<Integer> I = Lanes.INTS;
    private static final int L = Lanes.L;
    private static final IntVector IOTA = IntVector.zero(I).addIndex(1);

    private VectorDecode() {
    }

    /**
     * Whether the CPU's vectors are wide enough (256 bits or more) for the decoders and the decode-and-dot
     * kernels; narrower CPUs decode with the scalar reference (the dot products stay vectorized).
     */
    static final boolean WIDE = Lanes.VECTOR;

    /** Decodes the {@code n} values of the row at byte {@code off} into {@code dst[dstOff..dstOff+n)}. */
    static void row(GgmlType type, MemorySegment s, long off, float[] dst, int dstOff, int n) {
        if (!WIDE && type != GgmlType.F32) {
            Codecs.of(type).dequantize(s, off, dst, dstOff, n);
            return;
        }
        switch (type) {
            case F32 -> MemorySegment.copy(s, Bytes.LE_FLOAT, off, dst, dstOff, n);
            case F16 -> f16(s, off, dst, dstOff, n);
            case BF16 -> bf16(s, off, dst, dstOff, n);
            case Q8_0 -> q8_0(s, off, dst, dstOff, n);
            case Q4_0 -> q4_0(s, off, dst, dstOff, n);
            case Q5_0 -> q5(s, off, dst, dstOff, n, false);
            case Q5_1 -> q5(s, off, dst, dstOff, n, true);
            case Q4_K -> q4_K(s, off, dst, dstOff, n);
            case Q6_K -> q6_K(s, off, dst, dstOff, n);
            default -> throw new IllegalArgumentException("no vector decoder for " + type + "; supported: " + GgmlType.supportedNames());
        }
    }

    private static void f16(MemorySegment s, long off, float[] dst, int o, int n) {
        for (int i = 0; i < n; i++) {
            dst[o + i] = Float.float16ToFloat(s.get(Bytes.LE_SHORT, off + 2L * i));
        }
    }

    private static void bf16(MemorySegment s, long off, float[] dst, int o, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            ShortVector v = ShortVector.fromMemorySegment(Lanes.SHORTS, s, off + 2L * i, LE);
            ((IntVector) v.convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16)
                    .reinterpretAsFloats().intoArray(dst, o + i);
        }
        for (; i < n; i++) {
            dst[o + i] = Bytes.bf16ToFloat(s.get(Bytes.LE_SHORT, off + 2L * i));
        }
    }

    private static void q8_0(MemorySegment s, long off, float[] dst, int o, int n) {
        for (int b = 0; b < n / 32; b++) {
            long p = off + 34L * b;
            float d = Bytes.f16(s, p);
            for (int j = 0; j < 32; j += L) {
                Lanes.widen(ByteVector.fromMemorySegment(B, s, p + 2 + j, LE)).mul(d).intoArray(dst, o + 32 * b + j);
            }
        }
    }

    private static void q4_0(MemorySegment s, long off, float[] dst, int o, int n) {
        for (int b = 0; b < n / 32; b++) {
            long p = off + 18L * b;
            float d = Bytes.f16(s, p);
            for (int j = 0; j < 16; j += L) {
                ByteVector q = ByteVector.fromMemorySegment(B, s, p + 2 + j, LE);
                Lanes.widen(q.and((byte) 0xF).sub((byte) 8)).mul(d).intoArray(dst, o + 32 * b + j);
                Lanes.widen(Lanes.high(q).sub((byte) 8)).mul(d).intoArray(dst, o + 32 * b + 16 + j);
            }
        }
    }

    private static void q5(MemorySegment s, long off, float[] dst, int o, int n, boolean withMin) {
        int bytes = withMin ? 24 : 22;
        int qhOff = withMin ? 4 : 2;
        int bias = withMin ? 0 : 16;
        for (int b = 0; b < n / 32; b++) {
            long p = off + (long) bytes * b;
            float d = Bytes.f16(s, p);
            float m = withMin ? Bytes.f16(s, p + 2) : 0;
            int qh = s.get(Bytes.LE_INT, p + qhOff);
            for (int j = 0; j < 16; j += L) {
                ByteVector q = ByteVector.fromMemorySegment(B, s, p + qhOff + 4 + j, LE);
                IntVector lo = (IntVector) q.and((byte) 0xF).convertShape(VectorOperators.B2I, I, 0);
                IntVector hi = (IntVector) Lanes.high(q).convertShape(VectorOperators.B2I, I, 0);
                IntVector bitsLo = IntVector.broadcast(I, qh >>> j).lanewise(VectorOperators.LSHR, IOTA).and(1).lanewise(VectorOperators.LSHL, 4);
                IntVector bitsHi = IntVector.broadcast(I, qh >>> (16 + j)).lanewise(VectorOperators.LSHR, IOTA).and(1).lanewise(VectorOperators.LSHL, 4);
                FloatVector v0 = ((FloatVector) lo.or(bitsLo).sub(bias).convert(VectorOperators.I2F, 0)).mul(d);
                FloatVector v1 = ((FloatVector) hi.or(bitsHi).sub(bias).convert(VectorOperators.I2F, 0)).mul(d);
                if (withMin) {
                    v0 = v0.add(m);
                    v1 = v1.add(m);
                }
                v0.intoArray(dst, o + 32 * b + j);
                v1.intoArray(dst, o + 32 * b + 16 + j);
            }
        }
    }

    private static void q4_K(MemorySegment s, long off, float[] dst, int o, int n) {
        for (int b = 0; b < n / 256; b++) {
            long p = off + 144L * b;
            float d = Bytes.f16(s, p);
            float dmin = Bytes.f16(s, p + 2);
            for (int c = 0; c < 4; c++) {
                int smLo = KQuantSearch.scaleMinK4(2 * c, s, p + 4);
                int smHi = KQuantSearch.scaleMinK4(2 * c + 1, s, p + 4);
                float d1 = d * (smLo & 0xFF);
                float m1 = dmin * (smLo >>> 8);
                float d2 = d * (smHi & 0xFF);
                float m2 = dmin * (smHi >>> 8);
                int base = o + 256 * b + 64 * c;
                for (int j = 0; j < 32; j += L) {
                    ByteVector q = ByteVector.fromMemorySegment(B, s, p + 16 + 32L * c + j, LE);
                    Lanes.widen(q.and((byte) 0xF)).mul(d1).sub(m1).intoArray(dst, base + j);
                    Lanes.widen(Lanes.high(q)).mul(d2).sub(m2).intoArray(dst, base + 32 + j);
                }
            }
        }
    }

    private static void q6_K(MemorySegment s, long off, float[] dst, int o, int n) {
        for (int b = 0; b < n / 256; b++) {
            long p = off + 210L * b;
            float d = Bytes.f16(s, p + 208);
            for (int g = 0; g < 8; g++) {
                for (int j = 0; j < 16; j += L) {
                    q6Piece(s, p, g >> 2, (g >> 1) & 1, g & 1, j, d, dst, o + 256 * b);
                }
            }
        }
    }

    /** {@code 2 L} values of a Q6_K super-block (see FusedDot.q6Piece for the layout). */
    private static void q6Piece(MemorySegment s, long p, int h, int k, int pair, int j, float d, float[] dst, int ob) {
        ByteVector ql = ByteVector.fromMemorySegment(B, s, p + 64L * h + 32L * pair + 16L * k + j, LE);
        ByteVector qh = ByteVector.fromMemorySegment(B, s, p + 128 + 32L * h + 16L * k + j, LE);
        int shift = 2 * pair;
        int base = ob + 128 * h + 16 * k + 32 * pair + j;
        long sc = p + 192 + 8L * h + k + 2L * pair;
        ByteVector lo = Lanes.q6Low(ql, qh, shift);
        ByteVector hi = Lanes.q6High(ql, qh, shift);
        Lanes.widen(lo).mul(d * s.get(ValueLayout.JAVA_BYTE, sc)).intoArray(dst, base);
        Lanes.widen(hi).mul(d * s.get(ValueLayout.JAVA_BYTE, sc + 4)).intoArray(dst, base + 64);
    }
}
