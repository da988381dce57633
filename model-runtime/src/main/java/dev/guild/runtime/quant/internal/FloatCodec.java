package dev.guild.runtime.quant.internal;

import dev.guild.runtime.quant.ActivationRows;
import dev.guild.runtime.tensor.GgmlType;

import java.lang.foreign.MemorySegment;

/** F32, F16 and BF16 rows: one element per "block"; dots accumulate in double like ggml's scalar vec_dot_f16. */
public final class FloatCodec implements RowCodec {
    private final GgmlType type;

    public FloatCodec(GgmlType type) {
        this.type = type;
    }

    @Override
    public GgmlType activationType() {
        return type;
    }

    /** Element {@code i} of a row starting at byte {@code off}. */
    public float get(MemorySegment s, long off, int i) {
        return switch (type) {
            case F32 -> s.get(Bytes.LE_FLOAT, off + 4L * i);
            case F16 -> Bytes.f16(s, off + 2L * i);
            default -> Bytes.bf16ToFloat(s.get(Bytes.LE_SHORT, off + 2L * i));
        };
    }

    @Override
    public void dequantize(MemorySegment src, long off, float[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dstOff + i] = get(src, off, i);
        }
    }

    @Override
    public void quantize(float[] src, int srcOff, MemorySegment dst, long off, int n) {
        for (int i = 0; i < n; i++) {
            float v = src[srcOff + i];
            switch (type) {
                case F32 -> dst.set(Bytes.LE_FLOAT, off + 4L * i, v);
                case F16 -> Bytes.putF16(dst, off + 2L * i, v);
                default -> dst.set(Bytes.LE_SHORT, off + 2L * i, Bytes.toBf16(v));
            }
        }
    }

    @Override
    public float dotQuantized(MemorySegment w, long off, ActivationRows a, int row, int n) {
        float[] v = a.values();
        int base = row * a.cols();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (double) (get(w, off, i) * v[base + i]);
        }
        return (float) sum;
    }
}
