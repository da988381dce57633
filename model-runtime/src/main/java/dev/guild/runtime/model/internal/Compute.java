package dev.guild.runtime.model.internal;

import dev.guild.runtime.kernel.KernelConfig;
import dev.guild.runtime.kernel.Kernels;
import dev.guild.runtime.kernel.MatMul;
import dev.guild.runtime.kernel.TensorOps;

/** The kernels a model computes with: matrix products and element-wise operations of one implementation. */
public record Compute(MatMul matMul, TensorOps ops) {

    public static Compute of(KernelConfig config) {
        return new Compute(Kernels.matMul(config), Kernels.ops(config));
    }

    /** RMSNorm of {@code n} rows of {@code width} in place. */
    public void rmsNorm(float[] x, int n, int width, float[] weight, float eps) {
        for (int t = 0; t < n; t++) {
            ops.rmsnorm(x, t * width, x, t * width, weight, 0, width, eps);
        }
    }

    /** Adds {@code bias} to each of {@code n} rows of x. */
    public void addBias(float[] x, int n, float[] bias) {
        for (int t = 0; t < n; t++) {
            ops.add(x, t * bias.length, x, t * bias.length, bias, 0, bias.length);
        }
    }
}
