package dev.guild.runtime.serve;

import java.util.ArrayList;
import java.util.List;

/**
 * Limits of the {@link Scheduler}.
 *
 * @param maxSequences        sequences in the running batch at once. Default 8
 * @param maxQueued           requests waiting for a place in the batch; one more is rejected (HTTP 429). Default 64
 * @param maxTokensPerRequest the most tokens one request may generate; larger {@code max_tokens} are refused. Default 4096
 * @param prefillChunk        prompt tokens one sequence contributes to one step. Default 256
 * @param stepTokens          tokens in one step over all sequences (decode tokens always fit; prefill chunks
 *                            fill what is left). Default 512
 * @param contextLength       the longest sequence (prompt plus generated) served; 0 = the model's trained length
 * @param kvBudgetTokens      the paged KV cache's memory budget in positions (rounded down to whole blocks);
 *                            a request reserves the blocks for prompt + max tokens at admission and waits in the
 *                            queue while they do not fit. Default 65536
 * @param kvBlockTokens       positions per KV block (the unit of allocation and of prefix sharing). Default 16
 * @param prefixCaching       whether full KV blocks are shared across requests with the same token prefix;
 *                            unreferenced cached blocks stay until their space is needed (LRU). Default true
 */
public record SchedulerConfig(int maxSequences, int maxQueued, int maxTokensPerRequest, int prefillChunk,
                              int stepTokens, int contextLength, int kvBudgetTokens, int kvBlockTokens,
                              boolean prefixCaching) {

    public static final SchedulerConfig DEFAULTS = new SchedulerConfig(8, 64, 4096, 256, 512, 0, 65536, 16, true);

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
        positive(problems, "kvBlockTokens", kvBlockTokens);
        if (kvBlockTokens > 0 && kvBudgetTokens > 0 && kvBudgetTokens < kvBlockTokens) {
            problems.add("kvBudgetTokens (" + kvBudgetTokens + ") must hold at least one block of kvBlockTokens ("
                    + kvBlockTokens + ")");
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

    /** KV blocks in the budget. */
    public int kvBlocks() {
        return kvBudgetTokens / kvBlockTokens;
    }

    public SchedulerConfig withMaxSequences(int n) {
        return new SchedulerConfig(n, maxQueued, maxTokensPerRequest, prefillChunk, Math.max(stepTokens, n),
                contextLength, kvBudgetTokens, kvBlockTokens, prefixCaching);
    }

    public SchedulerConfig withMaxQueued(int n) {
        return new SchedulerConfig(maxSequences, n, maxTokensPerRequest, prefillChunk, stepTokens, contextLength,
                kvBudgetTokens, kvBlockTokens, prefixCaching);
    }

    public SchedulerConfig withMaxTokensPerRequest(int n) {
        return new SchedulerConfig(maxSequences, maxQueued, n, prefillChunk, stepTokens, contextLength,
                kvBudgetTokens, kvBlockTokens, prefixCaching);
    }

    public SchedulerConfig withContextLength(int n) {
        return new SchedulerConfig(maxSequences, maxQueued, maxTokensPerRequest, prefillChunk, stepTokens, n,
                kvBudgetTokens, kvBlockTokens, prefixCaching);
    }

    public SchedulerConfig withKvBudgetTokens(int n) {
        return new SchedulerConfig(maxSequences, maxQueued, maxTokensPerRequest, prefillChunk, stepTokens,
                contextLength, n, kvBlockTokens, prefixCaching);
    }

    public SchedulerConfig withKvBlockTokens(int n) {
        return new SchedulerConfig(maxSequences, maxQueued, maxTokensPerRequest, prefillChunk, stepTokens,
                contextLength, kvBudgetTokens, n, prefixCaching);
    }

    public SchedulerConfig withPrefixCaching(boolean on) {
        return new SchedulerConfig(maxSequences, maxQueued, maxTokensPerRequest, prefillChunk, stepTokens,
                contextLength, kvBudgetTokens, kvBlockTokens, on);
    }

    public SchedulerConfig withPrefillChunk(int n) {
        return new SchedulerConfig(maxSequences, maxQueued, maxTokensPerRequest, n, stepTokens, contextLength,
                kvBudgetTokens, kvBlockTokens, prefixCaching);
    }

    public SchedulerConfig withStepTokens(int n) {
        return new SchedulerConfig(maxSequences, maxQueued, maxTokensPerRequest, prefillChunk, n, contextLength,
                kvBudgetTokens, kvBlockTokens, prefixCaching);
    }
}
