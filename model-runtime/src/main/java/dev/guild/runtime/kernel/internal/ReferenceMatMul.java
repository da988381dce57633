package dev.guild.runtime.kernel.internal;

import dev.guild.runtime.kernel.ActivationPath;
import dev.guild.runtime.kernel.MatMul;
import dev.guild.runtime.kernel.WeightMatrix;
import dev.guild.runtime.quant.ActivationRows;
import dev.guild.runtime.quant.Quantization;
import dev.guild.runtime.tensor.GgmlType;

/** Scalar, single-threaded matmul on the reference dot products of {@link Quantization}. */
public final class ReferenceMatMul implements MatMul {
    private final ActivationPath path;

    public ReferenceMatMul(ActivationPath path) {
        this.path = path;
    }

    @Override
    public void matmul(WeightMatrix w, float[] x, int xOff, int batch, float[] y, int yOff) {
        MatMul.checkArgs(w, x, xOff, batch, y, yOff);
        int rows = w.rows();
        int cols = w.cols();
        if (path == ActivationPath.GGML && w.type() == GgmlType.F32) {
            // llama.cpp's F32 orders: tinyBLAS where it applies, else ggml_vec_dot_f32 (GgmlMath.tinyBlas)
            boolean tinyBlas = GgmlMath.tinyBlas(rows, cols, batch);
            float[] row = new float[cols];
            for (int r = 0; r < rows; r++) {
                Quantization.dequantizeRow(GgmlType.F32, w.data(), w.rowOffset(r), row, 0, cols);
                for (int t = 0; t < batch; t++) {
                    y[yOff + t * rows + r] = tinyBlas ? GgmlMath.tinyBlasDot(row, 0, x, xOff + t * cols, cols)
                            : GgmlMath.vecDotF32(row, 0, x, xOff + t * cols, cols);
                }
            }
        } else if (path == ActivationPath.GGML) {
            ActivationRows a = ActivationRows.allocate(Quantization.activationType(w.type()), cols, batch);
            a.quantize(x, xOff, batch);
            for (int t = 0; t < batch; t++) {
                for (int r = 0; r < rows; r++) {
                    y[yOff + t * rows + r] = Quantization.dotQuantized(w.type(), w.data(), w.rowOffset(r), a, t, cols);
                }
            }
        } else {
            float[] scratch = new float[cols];
            for (int t = 0; t < batch; t++) {
                for (int r = 0; r < rows; r++) {
                    y[yOff + t * rows + r] = Quantization.dot(w.type(), w.data(), w.rowOffset(r), x, xOff + t * cols, cols, scratch);
                }
            }
        }
    }
}
