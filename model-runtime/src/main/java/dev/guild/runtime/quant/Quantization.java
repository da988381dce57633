package dev.guild.runtime.quant;

import dev.guild.runtime.quant.internal.Codecs;
import dev.guild.runtime.quant.internal.RowCodec;
import dev.guild.runtime.tensor.GgmlType;

import java.lang.foreign.MemorySegment;

/**
 * Scalar reference of the supported GGUF weight types (F32, F16, BF16, Q8_0, Q4_0, Q5_0, Q5_1, Q4_K, Q6_K),
 * bit-compatible with ggml: {@link #quantizeRow} writes the bytes ggml's {@code quantize_row_*_ref} writes,
 * {@link #dequantizeRow} reads them as {@code dequantize_row_*} does.
 *
 * <p>Units: {@code n} and array offsets count elements; segment offsets count bytes. {@code n} must be a
 * whole number of the type's blocks ({@link GgmlType#blockSize()}: 32 for Q*_0/Q*_1, 256 for K-quants).
 * Segments hold little-endian GGUF block data as stored in the file.
 */
public final class Quantization {
    private Quantization() {
    }

    /** Decodes {@code n} values of {@code type} at byte {@code off} of {@code src} into {@code dst[dstOff..]}. */
    public static void dequantizeRow(GgmlType type, MemorySegment src, long off, float[] dst, int dstOff, int n) {
        check(type, n);
        checkSegment(type, src, off, n);
        Codecs.of(type).dequantize(src, off, dst, dstOff, n);
    }

    /** Encodes {@code src[srcOff..srcOff+n)} as {@code type} at byte {@code off} of {@code dst}. */
    public static void quantizeRow(GgmlType type, float[] src, int srcOff, int n, MemorySegment dst, long off) {
        check(type, n);
        checkSegment(type, dst, off, n);
        Codecs.of(type).quantize(src, srcOff, dst, off, n);
    }

    /** Encodes all of {@code values} (rows back to back, each a whole number of blocks) into a new array. */
    public static byte[] quantize(GgmlType type, float[] values) {
        check(type, values.length);
        byte[] out = new byte[Math.toIntExact(type.bytesFor(values.length))];
        Codecs.of(type).quantize(values, 0, MemorySegment.ofArray(out), 0, values.length);
        return out;
    }

    /** Decodes all values of {@code data}, which holds {@code n} values of {@code type}. */
    public static float[] dequantize(GgmlType type, MemorySegment data, int n) {
        float[] out = new float[n];
        dequantizeRow(type, data, 0, out, 0, n);
        return out;
    }

    /**
     * ggml-cpu's {@code vec_dot_type}: what activations are converted to before a dot with a row of
     * {@code weight}: Q8_0 for Q8_0/Q4_0/Q5_0, Q8_1 for Q5_1, Q8_K for Q4_K/Q6_K, the type itself for
     * F32/F16/BF16.
     */
    public static GgmlType activationType(GgmlType weight) {
        return Codecs.of(weight).activationType();
    }

    /**
     * Reference dot product of the weight row of {@code n} values at byte {@code off} of {@code w} with row
     * {@code row} of {@code a}, whose type must be {@link #activationType(GgmlType)} of {@code type}. Integer
     * block sums and their scaling follow ggml's vec_dot_*; the sum over blocks is in float.
     */
    public static float dotQuantized(GgmlType type, MemorySegment w, long off, ActivationRows a, int row, int n) {
        check(type, n);
        RowCodec codec = Codecs.of(type);
        if (a.type() != codec.activationType()) {
            throw new IllegalArgumentException("%s weights are dotted with %s activations, got %s; allocate ActivationRows with Quantization.activationType(%s)"
                    .formatted(type, codec.activationType(), a.type(), type));
        }
        if (n > a.cols() || row < 0 || row >= a.batch()) {
            throw new IllegalArgumentException("row %d of %d, length %d of %d: out of range".formatted(row, a.batch(), n, a.cols()));
        }
        return codec.dotQuantized(w, off, a, row, n);
    }

    /**
     * Reference dot product of a weight row with float32 activations {@code x[xOff..xOff+n)}: each weight is
     * dequantized and the products are summed in double.
     */
    public static float dot(GgmlType type, MemorySegment w, long off, float[] x, int xOff, int n, float[] scratch) {
        dequantizeRow(type, w, off, scratch, 0, n);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (double) scratch[i] * x[xOff + i];
        }
        return (float) sum;
    }

    private static void check(GgmlType type, long n) {
        Codecs.of(type);
        if (n < 0 || n % type.blockSize() != 0) {
            throw new IllegalArgumentException("%d values of %s are not a whole number of %d-element blocks; K-quants need rows that are a multiple of 256 (llama.cpp falls back to Q5_0/Q5_1/Q8_0 for such rows)"
                    .formatted(n, type, type.blockSize()));
        }
    }

    private static void checkSegment(GgmlType type, MemorySegment s, long off, long n) {
        long need = type.bytesFor(n);
        if (off < 0 || off + need > s.byteSize()) {
            throw new IndexOutOfBoundsException("%d values of %s need %d bytes at offset %d but the segment has %d bytes"
                    .formatted(n, type, need, off, s.byteSize()));
        }
    }
}
