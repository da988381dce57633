package dev.guild.runtime.quant.internal;

import dev.guild.runtime.quant.ActivationRows;

import java.lang.foreign.MemorySegment;

/**
 * Scalar reference of one weight type: ggml's dequantize_row_*, quantize_row_*_ref and the vec_dot of a
 * weight row with activations in the type's vec_dot type. Offsets are in bytes for segments and in
 * elements for arrays; {@code n} is a whole number of blocks.
 */
public interface RowCodec {

    void dequantize(MemorySegment src, long off, float[] dst, int dstOff, int n);

    void quantize(float[] src, int srcOff, MemorySegment dst, long off, int n);

    /** Dot of a weight row with row {@code row} of {@code a}, which holds activations of {@link #activationType}. */
    float dotQuantized(MemorySegment w, long off, ActivationRows a, int row, int n);

    /** ggml-cpu's vec_dot_type for this weight type. */
    dev.guild.runtime.tensor.GgmlType activationType();
}
