package dev.guild.runtime.kernel;

import dev.guild.runtime.quant.internal.Codecs;
import dev.guild.runtime.tensor.GgmlType;

import java.lang.foreign.MemorySegment;

/**
 * A 2-D weight tensor as GGUF stores it: {@code rows} rows (ne[1]) of {@code cols} values (ne[0], the dot
 * length), row-major, each row {@link #rowBytes()} bytes of {@code type} blocks, in {@code data} (usually a
 * slice of the memory-mapped file; never copied).
 */
public record WeightMatrix(GgmlType type, int rows, int cols, MemorySegment data) {

    public WeightMatrix {
        Codecs.of(type);
        if (rows <= 0 || cols <= 0 || cols % type.blockSize() != 0) {
            throw new IllegalArgumentException("weight matrix %d x %d of %s: rows and cols must be positive and cols a multiple of %d"
                    .formatted(rows, cols, type, type.blockSize()));
        }
        long need = (long) rows * type.bytesFor(cols);
        if (data.byteSize() != need) {
            throw new IllegalArgumentException("weight matrix %d x %d of %s needs %d bytes but its segment has %d; slice the tensor data exactly"
                    .formatted(rows, cols, type, need, data.byteSize()));
        }
    }

    /** Bytes per row. */
    public long rowBytes() {
        return type.bytesFor(cols);
    }

    /** Byte offset of row {@code r} in {@link #data()}. */
    public long rowOffset(int r) {
        return r * rowBytes();
    }

    /**
     * Expert {@code e} of a stacked 3-D expert tensor (ggml ne = {cols, rows, nExperts}, experts contiguous,
     * as {@code ffn_up_exps}): a view, no copy.
     */
    public static WeightMatrix expert(GgmlType type, int rows, int cols, int nExperts, MemorySegment stacked, int e) {
        if (e < 0 || e >= nExperts) {
            throw new IllegalArgumentException("expert %d is outside [0, %d)".formatted(e, nExperts));
        }
        long per = (long) rows * type.bytesFor(cols);
        if (stacked.byteSize() != per * nExperts) {
            throw new IllegalArgumentException("stacked experts %d x %d x %d of %s need %d bytes but the segment has %d"
                    .formatted(rows, cols, nExperts, type, per * nExperts, stacked.byteSize()));
        }
        return new WeightMatrix(type, rows, cols, stacked.asSlice(per * e, per));
    }
}
