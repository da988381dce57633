package dev.guild.runtime.kernel;

import dev.guild.runtime.kernel.internal.WarmUp;
import dev.guild.runtime.tensor.GgmlType;

import dev.guild.runtime.kernel.internal.ReferenceMatMul;
import dev.guild.runtime.kernel.internal.ReferenceOps;
import dev.guild.runtime.kernel.internal.VectorMatMul;
import dev.guild.runtime.kernel.internal.VectorOps;
import dev.guild.runtime.kernel.internal.WorkerPool;

/** Builds the kernels a {@link KernelConfig} selects. */
public final class Kernels {
    private Kernels() {
    }

    public static MatMul matMul(KernelConfig config) {
        return switch (config.implementation()) {
            case REFERENCE -> new ReferenceMatMul(config.activations());
            case VECTOR -> new VectorMatMul(WorkerPool.shared(config.threads()), config.activations());
        };
    }

    /**
     * Runs the vector matmul of each weight type on a small seeded matrix (batch 1 and a batch of 8) for up to
     * {@code budgetMillis} per type, so that C2 has compiled the kernels before the first real request (the Vector
     * API's interpreted fallback is orders of magnitude slower, and on a loaded machine compilation can lag for
     * seconds). Each (type, thread count) is warmed once per JVM; REFERENCE kernels need no warming.
     *
     * @return the types warmed by this call (those not warmed before)
     */
    public static java.util.Set<GgmlType> warmUp(KernelConfig config, java.util.Collection<GgmlType> types, long budgetMillis) {
        if (config.implementation() != KernelConfig.Implementation.VECTOR) {
            return java.util.Set.of();
        }
        return WarmUp.run(matMul(config), config.threads(), types, budgetMillis);
    }

    public static TensorOps ops(KernelConfig config) {
        return switch (config.implementation()) {
            case REFERENCE -> new ReferenceOps();
            case VECTOR -> new VectorOps();
        };
    }
}
