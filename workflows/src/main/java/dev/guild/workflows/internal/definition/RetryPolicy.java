package dev.guild.workflows.internal.definition;

import java.time.Duration;

/**
 * A retry policy of {@code try.catch.retry} (or {@code use.retries}), as Serverless Workflow 1.0 defines it:
 * the delay before retry {@code n} (1-based) is {@code delay} (constant), {@code delay * n} (linear) or
 * {@code delay * 2^(n-1)} (exponential), plus a random jitter between {@code jitterFrom} and {@code jitterTo}.
 *
 * @param when          retry only when this expression (on the error, bound to {@code $error}) is true; or null
 * @param exceptWhen    do not retry when this is true; or null
 * @param maxRetries    {@code limit.attempt.count}: retries after the first attempt; -1 = no limit
 * @param limitDuration {@code limit.duration}: no retry starts later than this after the first attempt; or null
 */
public record RetryPolicy(String when, String exceptWhen, Duration delay, Backoff backoff, int maxRetries,
                          Duration limitDuration, Duration jitterFrom, Duration jitterTo) {

    public enum Backoff { CONSTANT, LINEAR, EXPONENTIAL }

    /** Longest single delay, whatever the backoff computes. */
    public static final Duration MAX_DELAY = Duration.ofDays(7);

    /**
     * The delay before retry {@code retry} (1-based); {@code random} in [0, 1) picks the jitter (the workflow draws
     * it from its deterministic random).
     */
    public Duration delayBefore(int retry, double random) {
        long base = delay.toMillis();
        long millis = switch (backoff) {
            case CONSTANT -> base;
            case LINEAR -> saturatedMultiply(base, retry);
            case EXPONENTIAL -> saturatedMultiply(base, 1L << Math.min(retry - 1, 40));
        };
        if (jitterTo != null) {
            long from = jitterFrom == null ? 0 : jitterFrom.toMillis();
            millis += from + (long) (random * (jitterTo.toMillis() - from));
        }
        return Duration.ofMillis(Math.min(millis, MAX_DELAY.toMillis()));
    }

    private static long saturatedMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        return high != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
    }
}
