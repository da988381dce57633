package dev.guild.runtime.serve.internal;

/**
 * The scheduler's measured throughput: tokens (prompt and generated) per second of forward-step time,
 * weighted towards the recent steps (each older step counts {@value #DECAY} times less per step), and
 * the Retry-After it implies. Not thread-safe: the scheduler calls it under its lock.
 */
public final class Throughput {

    static final double DECAY = 0.95;
    /** The longest Retry-After given, seconds. */
    static final int MAX_RETRY_AFTER = 600;

    private double tokens;
    private double nanos;

    /** Records a forward step of {@code stepTokens} tokens that took {@code stepNanos}. */
    public void record(int stepTokens, long stepNanos) {
        tokens = tokens * DECAY + stepTokens;
        nanos = nanos * DECAY + Math.max(1, stepNanos);
    }

    /** Tokens per second, NaN before any step. */
    public double tokensPerSecond() {
        return nanos == 0 ? Double.NaN : tokens * 1e9 / nanos;
    }

    /** Seconds to process {@code workTokens} at the measured rate; NaN before any step. */
    public double secondsFor(long workTokens) {
        return workTokens / tokensPerSecond();
    }

    /**
     * The Retry-After header for an estimated wait: whole seconds, at least 1 (also when nothing was
     * measured yet), at most {@value #MAX_RETRY_AFTER}.
     */
    public static int retryAfterSeconds(double waitSeconds) {
        if (Double.isNaN(waitSeconds) || waitSeconds <= 1) {
            return 1;
        }
        return (int) Math.min(MAX_RETRY_AFTER, Math.ceil(waitSeconds));
    }
}
