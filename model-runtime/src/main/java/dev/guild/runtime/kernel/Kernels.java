package dev.guild.runtime.kernel;

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

    public static TensorOps ops(KernelConfig config) {
        return switch (config.implementation()) {
            case REFERENCE -> new ReferenceOps();
            case VECTOR -> new VectorOps();
        };
    }
}
