package dev.guild.runtime.kernel;

/**
 * Kernel selection.
 *
 * @param implementation {@code VECTOR} (default; Vector API, multithreaded) or {@code REFERENCE} (scalar,
 *                       single-threaded, the ground truth of the tests)
 * @param threads        worker threads for {@code VECTOR}, including the calling thread; default
 *                       {@link Runtime#availableProcessors()}
 * @param activations    how activations meet quantized weights; default {@link ActivationPath#GGML}
 * @param warmUpMillis   when a model file is opened, run the vector kernels of each of its weight types on a small
 *                       matrix for up to this long (once per type and JVM) so C2 compiles them before the first
 *                       request; default 0 (off: on a small matrix C2 compiles the kernels with a profile that made
 *                       batch-1 decode of a 1B MoE 40% slower in EngineBenchmark, 13.7 vs 22.1 tokens/s)
 */
public record KernelConfig(Implementation implementation, int threads, ActivationPath activations, long warmUpMillis) {

    /** Default warm-up budget per weight type, milliseconds. */
    public static final long DEFAULT_WARM_UP_MILLIS = 0;

    public KernelConfig(Implementation implementation, int threads, ActivationPath activations) {
        this(implementation, threads, activations, DEFAULT_WARM_UP_MILLIS);
    }

    public enum Implementation { REFERENCE, VECTOR }

    public KernelConfig {
        if (implementation == null || activations == null) {
            throw new IllegalArgumentException("kernel implementation and activation path are required, got "
                    + implementation + " / " + activations);
        }
        if (warmUpMillis < 0 || warmUpMillis > 60_000) {
            throw new IllegalArgumentException("kernel warm-up must be in [0, 60000] ms per weight type, got " + warmUpMillis);
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
        return new KernelConfig(i, threads, activations, warmUpMillis);
    }

    public KernelConfig withThreads(int t) {
        return new KernelConfig(implementation, t, activations, warmUpMillis);
    }

    public KernelConfig withActivations(ActivationPath a) {
        return new KernelConfig(implementation, threads, a, warmUpMillis);
    }

    public KernelConfig withWarmUpMillis(long millis) {
        return new KernelConfig(implementation, threads, activations, millis);
    }
}
