package dev.guild.runtime.gguf;

import dev.guild.runtime.tensor.GgmlType;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * One tensor of a GGUF file: its name, element type, dimensions in ggml order ({@code dims()[0]} is
 * the innermost, contiguous one: a PyTorch {@code [out, in]} weight has {@code dims = {in, out}}), and
 * its raw bytes as a zero-copy slice of the file's mapping. The data stays valid until the
 * {@link GgufFile} is closed.
 */
public final class GgufTensor {
    private final String name;
    private final GgmlType type;
    private final long[] dims;
    private final long elementCount;
    private final long dataOffset;
    private final long fileOffset;
    private final MemorySegment data;

    /**
     * Made by {@link GgufFile}; {@code data} must be exactly {@code type.bytesFor(product of dims)} bytes.
     *
     * @param dataOffset offset of the first byte relative to the start of the data section
     * @param fileOffset offset of the first byte in the file
     */
    public GgufTensor(String name, GgmlType type, long[] dims, long dataOffset, long fileOffset, MemorySegment data) {
        this.name = name;
        this.type = type;
        this.dims = dims.clone();
        long n = 1;
        for (long d : dims) {
            n = Math.multiplyExact(n, d);
        }
        this.elementCount = n;
        if (data.byteSize() != type.bytesFor(n)) {
            throw new IllegalArgumentException("tensor '" + name + "' " + type + " " + Arrays.toString(dims) + " needs "
                    + type.bytesFor(n) + " bytes, got a segment of " + data.byteSize());
        }
        this.dataOffset = dataOffset;
        this.fileOffset = fileOffset;
        this.data = data;
    }

    public String name() {
        return name;
    }

    public GgmlType type() {
        return type;
    }

    /** The dimensions in ggml order (ne[0] innermost); a copy. */
    public long[] dims() {
        return dims.clone();
    }

    /** Number of dimensions written in the file (0 to 4). */
    public int nDims() {
        return dims.length;
    }

    /** ne[i] as ggml sees it: 1 for {@code i >= nDims()} (up to 3). */
    public long dim(int i) {
        if (i < 0 || i > 3) {
            throw new IndexOutOfBoundsException("ggml tensors have dimensions 0..3, asked for " + i + " of tensor '" + name + "'");
        }
        return i < dims.length ? dims[i] : 1;
    }

    public long elementCount() {
        return elementCount;
    }

    /** Length of a row (ne[0]), the length of a dot product with this weight. */
    public long rowLength() {
        return dim(0);
    }

    /** Number of rows (product of ne[1..]). */
    public long rowCount() {
        return dim(0) == 0 ? 0 : elementCount / dim(0);
    }

    /** Bytes of data: {@code type().bytesFor(elementCount())}. */
    public long byteSize() {
        return data.byteSize();
    }

    /** Offset of the data relative to the start of the file's data section (as written in the tensor info). */
    public long dataOffset() {
        return dataOffset;
    }

    /** Offset of the data in the file. */
    public long fileOffset() {
        return fileOffset;
    }

    /** The raw bytes, a read-only zero-copy slice of the mapped file. */
    public MemorySegment data() {
        return data;
    }

    @Override
    public String toString() {
        return name + " " + type + " " + Arrays.toString(dims) + " (" + byteSize() + " bytes at " + fileOffset + ")";
    }
}
