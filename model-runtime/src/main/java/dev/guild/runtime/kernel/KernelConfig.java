package dev.guild.runtime.kernel;

/**
 * Kernel selection.
 *
 * @param implementation {@code VECTOR} (default; Vector API, multithreaded) or {@code REFERENCE} (scalar,
 *                       single-threaded, the ground truth of the tests)
 * @param threads        worker threads for {@code VECTOR}, including the calling thread; default
 *                       {@link Runtime#availableProcessors()}
 * @param activations    how activations meet quantized weights; default {@link ActivationPath#GGML}
 */
public record KernelConfig(Implementation implementation, int threads, ActivationPath activations) {

    public enum Implementation { REFERENCE, VECTOR }

    public KernelConfig {
        if (implementation == null || activations == null) {
            throw new IllegalArgumentException("kernel implementation and activation path are required, got "
                    + implementation + " / " + activations);
        }
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("kernel threads must be in [1, 1024], got " + threads);
        }
    }

    /** VECTOR, all processors, GGML activations. */
    public static KernelConfig defaults() {
        return new KernelConfig(Implementation.VECTOR, Runtime.getRuntime().availableProcessors(), ActivationPath.GGML);
    }

    public KernelConfig withImplementation(Implementation i) {
        return new KernelConfig(i, threads, activations);
    }

    public KernelConfig withThreads(int t) {
        return new KernelConfig(implementation, t, activations);
    }

    public KernelConfig withActivations(ActivationPath a) {
        return new KernelConfig(implementation, threads, a);
    }
}
