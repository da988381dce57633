package dev.guild.runtime.model.internal;

import dev.guild.runtime.kernel.KernelConfig;
import dev.guild.runtime.kernel.Kernels;
import dev.guild.runtime.kernel.MatMul;
import dev.guild.runtime.kernel.TensorOps;
import dev.guild.runtime.kernel.internal.WorkerPool;

/**
 * The kernels a model computes with: matrix products and element-wise operations of one implementation.
 *
 * @param matMul       the configured matmul (multithreaded for VECTOR)
 * @param ops          element-wise operations
 * @param serialMatMul the same matmul on the calling thread only, for work that {@link #pool} already runs in
 *                     parallel (each row of its result is the same as {@code matMul}'s)
 * @param pool         the participants of {@code matMul}; one thread for REFERENCE
 */
public record Compute(MatMul matMul, TensorOps ops, MatMul serialMatMul, WorkerPool pool) {

    public static Compute of(KernelConfig config) {
        int threads = config.implementation() == KernelConfig.Implementation.VECTOR ? config.threads() : 1;
        return new Compute(Kernels.matMul(config), Kernels.ops(config), Kernels.matMul(config.withThreads(1)),
                WorkerPool.shared(threads));
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
