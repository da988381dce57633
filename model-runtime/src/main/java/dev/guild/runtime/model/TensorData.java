package dev.guild.runtime.model;

import dev.guild.runtime.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * One named weight tensor: element type, shape in ggml order ({@code dims[0]} is the contiguous
 * dimension, the dot-product length of a matrix) and its raw bytes, usually a slice of a memory
 * mapped file.
 */
public record TensorData(String name, GgmlType type, long[] dims, MemorySegment data) {

    public TensorData {
        dims = dims.clone();
        long expected = type.bytesFor(elements(dims));
        if (data.byteSize() < expected) {
            throw new IllegalArgumentException("tensor '%s' of type %s and shape %s needs %d bytes but has %d"
                    .formatted(name, type, Arrays.toString(dims), expected, data.byteSize()));
        }
    }

    /** Size of dimension {@code i} (1 beyond the stored dimensions, as in ggml). */
    public long dim(int i) {
        return i < dims.length ? dims[i] : 1;
    }

    public long elements() {
        return elements(dims);
    }

    @Override
    public long[] dims() {
        return dims.clone();
    }

    private static long elements(long[] dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    @Override
    public String toString() {
        return name + " " + type + " " + Arrays.toString(dims);
    }
}
