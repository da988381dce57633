package dev.guild.runtime.serve;

import java.util.ArrayList;
import java.util.List;

/**
 * Limits of the {@link Scheduler}.
 *
 * @param maxSequences       sequences in the running batch at once. Default 8
 * @param maxQueued          requests waiting for a place in the batch; one more is rejected (HTTP 429). Default 64
 * @param maxTokensPerRequest the most tokens one request may generate; larger {@code max_tokens} are refused. Default 4096
 * @param prefillChunk       prompt tokens one sequence contributes to one step. Default 256
 * @param stepTokens         tokens in one step over all sequences (decode tokens always fit; prefill chunks
 *                           fill what is left). Default 512
 * @param contextLength      the longest sequence (prompt plus generated) served; 0 = the model's trained length
 * @param kvBudgetTokens     KV cache positions all running sequences may reserve together; a request reserves
 *                           prompt + max tokens at admission and waits in the queue while they do not fit.
 *                           Default 65536
 * @param prefixCacheEntries KV caches of finished requests kept for reuse by requests that share their token
 *                           prefix (prefix caching); they count against the KV budget and are evicted, oldest
 *                           first, when running sequences need the room. 0 = off. Default 8
 */
public record SchedulerConfig(int maxSequences, int maxQueued, int maxTokensPerRequest, int prefillChunk,
                              int stepTokens, int contextLength, int kvBudgetTokens, int prefixCacheEntries) {

    public static final SchedulerConfig DEFAULTS = new SchedulerConfig(8, 64, 4096, 256, 512, 0, 65536, 8);

    public SchedulerConfig {
        List<String> problems = new ArrayList<>();
        positive(problems, "maxSequences", maxSequences);
        if (maxQueued < 0) {
            problems.add("maxQueued must be >= 0, got " + maxQueued);
        }
        positive(problems, "maxTokensPerRequest", maxTokensPerRequest);
        positive(problems, "prefillChunk", prefillChunk);
        positive(problems, "stepTokens", stepTokens);
        if (contextLength < 0) {
            problems.add("contextLength must be >= 0 (0 = the model's), got " + contextLength);
        }
        positive(problems, "kvBudgetTokens", kvBudgetTokens);
        if (prefixCacheEntries < 0) {
            problems.add("prefixCacheEntries must be >= 0 (0 = off), got " + prefixCacheEntries);
        }
        if (stepTokens < maxSequences) {
            problems.add("stepTokens (" + stepTokens + ") must be at least maxSequences (" + maxSequences
                    + ") so every running sequence can decode in each step");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid scheduler settings: " + String.join("; ", problems));
        }
    }

    private static void positive(List<String> problems, String name, int value) {
        if (value <= 0) {
            problems.add(name + " must be > 0, got " + value);
        }
    }

    public SchedulerConfig withMaxSequences(int n) {
        return new SchedulerConfig(n, maxQueued, maxTokensPerRequest, prefillChunk, Math.max(stepTokens, n),
                contextLength, kvBudgetTokens, prefixCacheEntries);
    }

    public SchedulerConfig withMaxQueued(int n) {
        return new SchedulerConfig(maxSequences, n, maxTokensPerRequest, prefillChunk, stepTokens, contextLength,
                kvBudgetTokens, prefixCacheEntries);
    }

    public SchedulerConfig withContextLength(int n) {
        return new SchedulerConfig(maxSequences, maxQueued, maxTokensPerRequest, prefillChunk, stepTokens, n,
                kvBudgetTokens, prefixCacheEntries);
    }

    public SchedulerConfig withKvBudgetTokens(int n) {
        return new SchedulerConfig(maxSequences, maxQueued, maxTokensPerRequest, prefillChunk, stepTokens,
                contextLength, n, prefixCacheEntries);
    }

    public SchedulerConfig withPrefixCacheEntries(int n) {
        return new SchedulerConfig(maxSequences, maxQueued, maxTokensPerRequest, prefillChunk, stepTokens,
                contextLength, kvBudgetTokens, n);
    }

    public SchedulerConfig withPrefillChunk(int n) {
        return new SchedulerConfig(maxSequences, maxQueued, maxTokensPerRequest, n, stepTokens, contextLength,
                kvBudgetTokens, prefixCacheEntries);
    }
}
