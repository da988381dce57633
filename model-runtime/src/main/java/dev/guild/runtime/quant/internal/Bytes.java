package dev.guild.runtime.quant.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Little-endian scalar access to GGUF block data and the half-precision conversions ggml uses. */
public final class Bytes {
    public static final ValueLayout.OfShort LE_SHORT =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    public static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    public static final ValueLayout.OfFloat LE_FLOAT =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private Bytes() {
    }

    /** Signed byte at {@code off}. */
    public static int i8(MemorySegment s, long off) {
        return s.get(ValueLayout.JAVA_BYTE, off);
    }

    /** Unsigned byte at {@code off}. */
    public static int u8(MemorySegment s, long off) {
        return s.get(ValueLayout.JAVA_BYTE, off) & 0xFF;
    }

    /** IEEE binary16 at {@code off}, widened to float. */
    public static float f16(MemorySegment s, long off) {
        return Float.float16ToFloat(s.get(LE_SHORT, off));
    }

    public static void putF16(MemorySegment s, long off, float v) {
        s.set(LE_SHORT, off, Float.floatToFloat16(v));
    }

    public static void putU8(MemorySegment s, long off, int v) {
        s.set(ValueLayout.JAVA_BYTE, off, (byte) v);
    }

    /** {@code v} rounded to binary16 and back, as ggml's GGML_FP32_TO_FP16 (round to nearest even). */
    public static float roundF16(float v) {
        return Float.float16ToFloat(Float.floatToFloat16(v));
    }

    /** bfloat16 bits of {@code v} as ggml_compute_fp32_to_bf16 computes them (nearest even, quiet NaN). */
    public static short toBf16(float v) {
        int u = Float.floatToRawIntBits(v);
        if ((u & 0x7fffffff) > 0x7f800000) {
            return (short) ((u >>> 16) | 64);
        }
        return (short) ((u + (0x7fff + ((u >>> 16) & 1))) >>> 16);
    }

    public static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /** {@code v} rounded to bfloat16 and back. */
    public static float roundBf16(float v) {
        return bf16ToFloat(toBf16(v));
    }

    /** ggml's nearest_int: round half to even through the 1.5*2^23 trick; valid for |v| <= 4194303. */
    public static int nearestInt(float v) {
        int i = Float.floatToRawIntBits(v + 12582912.f);
        return (i & 0x007fffff) - 0x00400000;
    }

    /** C's roundf: half away from zero. */
    public static float roundf(float v) {
        double a = Math.floor(Math.abs((double) v) + 0.5);
        return (float) (v < 0 ? -a : a);
    }
}
