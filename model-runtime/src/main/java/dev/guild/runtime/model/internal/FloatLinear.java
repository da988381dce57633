package dev.guild.runtime.model.internal;

import dev.guild.runtime.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.stream.IntStream;

/**
 * Scalar reference matrix over unquantized weights (F32, F16, BF16) read straight from a memory
 * segment: every element is widened to float and accumulated in float, row by row.
 */
public final class FloatLinear implements Linear {

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** Below this many multiply-adds one thread is faster than forking. */
    private static final long PARALLEL_THRESHOLD = 1L << 16;

    private final GgmlType type;
    private final int rows;
    private final int cols;
    private final MemorySegment data;

    public FloatLinear(GgmlType type, int rows, int cols, MemorySegment data) {
        if (type != GgmlType.F32 && type != GgmlType.F16 && type != GgmlType.BF16) {
            throw new IllegalArgumentException("FloatLinear takes F32, F16 or BF16 weights, not " + type);
        }
        this.type = type;
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public void matmul(float[] x, int n, float[] y) {
        IntStream range = IntStream.range(0, rows);
        if ((long) rows * cols * n >= PARALLEL_THRESHOLD) {
            range = range.parallel();
        }
        range.forEach(r -> {
            float[] w = new float[cols];
            row(r, w, 0);
            for (int t = 0; t < n; t++) {
                int xo = t * cols;
                float sum = 0f;
                for (int c = 0; c < cols; c++) {
                    sum += w[c] * x[xo + c];
                }
                y[t * rows + r] = sum;
            }
        });
    }

    @Override
    public void row(int r, float[] dst, int off) {
        switch (type) {
            case F32 -> {
                long base = (long) r * cols * 4;
                for (int c = 0; c < cols; c++) {
                    dst[off + c] = data.get(F32, base + 4L * c);
                }
            }
            case F16 -> {
                long base = (long) r * cols * 2;
                for (int c = 0; c < cols; c++) {
                    dst[off + c] = Float.float16ToFloat(data.get(I16, base + 2L * c));
                }
            }
            default -> {
                long base = (long) r * cols * 2;
                for (int c = 0; c < cols; c++) {
                    dst[off + c] = Float.intBitsToFloat((data.get(I16, base + 2L * c) & 0xFFFF) << 16);
                }
            }
        }
    }
}
