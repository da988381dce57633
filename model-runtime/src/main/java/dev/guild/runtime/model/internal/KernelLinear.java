package dev.guild.runtime.model.internal;

import dev.guild.runtime.kernel.MatMul;
import dev.guild.runtime.kernel.WeightMatrix;
import dev.guild.runtime.quant.Quantization;

/** A weight matrix of any supported type, multiplied by the configured kernel and dequantized for lookups. */
public record KernelLinear(WeightMatrix weights, MatMul matMul) implements Linear {

    @Override
    public int rows() {
        return weights.rows();
    }

    @Override
    public int cols() {
        return weights.cols();
    }

    @Override
    public void matmul(float[] x, int n, float[] y) {
        matMul.matmul(weights, x, n, y);
    }

    @Override
    public void row(int r, float[] dst, int off) {
        Quantization.dequantizeRow(weights.type(), weights.data(), weights.rowOffset(r), dst, off, weights.cols());
    }
}
