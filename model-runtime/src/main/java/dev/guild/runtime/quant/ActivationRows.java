package dev.guild.runtime.quant;

import dev.guild.runtime.quant.internal.ActivationQuantizer;
import dev.guild.runtime.tensor.GgmlType;

/**
 * A batch of activation rows converted once to the type a weight type is dotted with (ggml-cpu's
 * {@code vec_dot_type}): Q8_0, Q8_1 or Q8_K blocks, or F16/BF16/F32 values. Allocated once and reused;
 * {@link #quantize} does not allocate.
 *
 * <p>Layout, for row {@code r} of {@code cols} values and block size {@code B} of {@link #type()}:
 * <ul>
 *   <li>{@link #quants()}: {@code cols} signed 8-bit quants per row at {@code r * cols} (Q8 types);</li>
 *   <li>{@link #scales()}: one scale {@code d} per block at {@code r * cols / B + b}; for Q8_0/Q8_1 it is the
 *       binary16 value ggml stores, widened; for Q8_K the float32 {@code d};</li>
 *   <li>{@link #sums()}: Q8_1 only, {@code fp16(d * sum(quants of the block))} per block;</li>
 *   <li>{@link #blockSums()}: Q8_K only, sums of each 16 quants, {@code cols / 16} per row;</li>
 *   <li>{@link #values()}: {@code cols} floats per row: the value each element stands for after the
 *       conversion ({@code d * q} for Q8 types, the rounded value for F16/BF16, the input for F32).</li>
 * </ul>
 */
public final class ActivationRows {
    private final GgmlType type;
    private final int cols;
    private final int capacity;
    private final byte[] quants;
    private final float[] scales;
    private final float[] sums;
    private final short[] blockSums;
    private final float[] values;
    private int batch;

    private ActivationRows(GgmlType type, int cols, int capacity) {
        this.type = type;
        this.cols = cols;
        this.capacity = capacity;
        boolean q8 = type == GgmlType.Q8_0 || type == GgmlType.Q8_1 || type == GgmlType.Q8_K;
        int blocks = q8 ? cols / type.blockSize() * capacity : 0;
        this.quants = new byte[q8 ? cols * capacity : 0];
        this.scales = new float[blocks];
        this.sums = new float[type == GgmlType.Q8_1 ? blocks : 0];
        this.blockSums = new short[type == GgmlType.Q8_K ? cols / 16 * capacity : 0];
        this.values = new float[cols * capacity];
    }

    /**
     * Space for {@code capacity} rows of {@code cols} activations in {@code type} (F32, F16, BF16, Q8_0,
     * Q8_1 or Q8_K); {@code cols} must be a whole number of the type's blocks.
     */
    public static ActivationRows allocate(GgmlType type, int cols, int capacity) {
        ActivationQuantizer.checkType(type);
        if (cols <= 0 || cols % type.blockSize() != 0) {
            throw new IllegalArgumentException("activation row length %d is not a positive multiple of the %d-element %s block; pad the row or use another type"
                    .formatted(cols, type.blockSize(), type));
        }
        if (capacity <= 0) {
            throw new IllegalArgumentException("activation batch capacity must be positive, got " + capacity);
        }
        return new ActivationRows(type, cols, capacity);
    }

    /** Converts {@code batch} rows of {@code cols} floats starting at {@code x[xOff]}. */
    public void quantize(float[] x, int xOff, int batch) {
        quantizeRows(x, xOff, batch, 0, batch);
    }

    /**
     * Converts rows {@code [from, to)} of a batch of {@code batch} rows starting at {@code x[xOff]}, so that
     * threads can share the work; every thread must pass the same {@code batch}.
     */
    public void quantizeRows(float[] x, int xOff, int batch, int from, int to) {
        if (batch < 0 || batch > capacity) {
            throw new IllegalArgumentException("batch %d is outside [0, %d]; allocate ActivationRows with a larger capacity"
                    .formatted(batch, capacity));
        }
        if (xOff < 0 || (long) xOff + (long) batch * cols > x.length) {
            throw new IllegalArgumentException("activations need %d floats from offset %d but the array has %d"
                    .formatted((long) batch * cols, xOff, x.length));
        }
        if (from < 0 || to > batch || from > to) {
            throw new IllegalArgumentException("rows [%d, %d) are outside the batch of %d".formatted(from, to, batch));
        }
        this.batch = batch;
        for (int r = from; r < to; r++) {
            ActivationQuantizer.quantizeRow(this, x, xOff + r * cols, r);
        }
    }

    public GgmlType type() {
        return type;
    }

    public int cols() {
        return cols;
    }

    public int batch() {
        return batch;
    }

    public int capacity() {
        return capacity;
    }

    public byte[] quants() {
        return quants;
    }

    public float[] scales() {
        return scales;
    }

    public float[] sums() {
        return sums;
    }

    public short[] blockSums() {
        return blockSums;
    }

    public float[] values() {
        return values;
    }
}
