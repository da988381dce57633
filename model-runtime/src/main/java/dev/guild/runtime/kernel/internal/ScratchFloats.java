package dev.guild.runtime.kernel.internal;

/**
 * A per-thread float buffer that grows to the largest size asked of it, for kernels that need room per call
 * without allocating on the hot path. What it holds is left over from the thread's earlier use.
 */
public final class ScratchFloats {
    private final ThreadLocal<float[]> local = ThreadLocal.withInitial(() -> new float[0]);

    /** This thread's buffer, at least {@code size} floats long. */
    public float[] get(int size) {
        float[] s = local.get();
        if (s.length < size) {
            s = new float[size];
            local.set(s);
        }
        return s;
    }
}
