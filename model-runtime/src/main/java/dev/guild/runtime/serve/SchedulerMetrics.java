package dev.guild.runtime.serve;

/**
 * A snapshot of the scheduler's state and counters.
 *
 * @param queued             requests waiting for admission
 * @param running            sequences in the running batch
 * @param lastBatchTokens    tokens in the last forward step
 * @param lastBatchSequences sequences in the last forward step
 * @param kvReservedTokens   KV positions pinned by running sequences: blocks they hold plus blocks reserved for
 *                           their growth (whole blocks)
 * @param kvUsedTokens       KV positions in blocks that running sequences hold now (shared blocks once)
 * @param kvBudgetTokens     the KV budget (whole blocks)
 * @param steps              forward steps run
 * @param promptTokens       prompt tokens prefilled, total
 * @param generatedTokens    tokens generated, total
 * @param completed          requests ended (any reason but cancellation or failure)
 * @param cancelled          requests cancelled
 * @param rejected           requests refused because the queue was full
 * @param failed             requests that ended with an error
 * @param firstTokenSeconds  sum of the times to first token, seconds
 * @param firstTokenCount    requests that produced a first token
 * @param busySeconds        seconds spent in forward steps
 * @param promptTokensReused prompt tokens taken from the prefix cache instead of prefilled, total
 * @param prefixCachedTokens KV positions in blocks registered in the prefix cache now (referenced or not)
 * @param estimatedWaitSeconds seconds to finish the queued and running work at the measured throughput (what
 *                           a 429's Retry-After is made of); NaN before the first step
 */
public record SchedulerMetrics(int queued, int running, int lastBatchTokens, int lastBatchSequences,
                               long kvReservedTokens, long kvUsedTokens, long kvBudgetTokens, long steps,
                               long promptTokens,
                               long generatedTokens, long completed, long cancelled, long rejected, long failed,
                               double firstTokenSeconds, long firstTokenCount, double busySeconds,
                               long promptTokensReused, long prefixCachedTokens, double estimatedWaitSeconds) {

    /** Share of prompt tokens served from the prefix cache, 0 to 1. */
    public double prefixHitRate() {
        long all = promptTokens + promptTokensReused;
        return all == 0 ? 0 : (double) promptTokensReused / all;
    }
}
