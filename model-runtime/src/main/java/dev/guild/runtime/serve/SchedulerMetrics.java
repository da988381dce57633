package dev.guild.runtime.serve;

/**
 * A snapshot of the scheduler's state and counters.
 *
 * @param queued             requests waiting for admission
 * @param running            sequences in the running batch
 * @param lastBatchTokens    tokens in the last forward step
 * @param lastBatchSequences sequences in the last forward step
 * @param kvReservedTokens   KV positions reserved by running sequences
 * @param kvBudgetTokens     the configured KV budget
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
 */
public record SchedulerMetrics(int queued, int running, int lastBatchTokens, int lastBatchSequences,
                               long kvReservedTokens, long kvBudgetTokens, long steps, long promptTokens,
                               long generatedTokens, long completed, long cancelled, long rejected, long failed,
                               double firstTokenSeconds, long firstTokenCount, double busySeconds) {
}
