package dev.guild.runtime.model;

import java.util.List;

/**
 * One forward step over several sequences: each entry brings its own KV cache (which fixes its
 * positions: the entry's tokens go at {@code cache.length()} onwards) and either a prefill chunk
 * (many tokens) or one decode token. All tokens of the step are processed together, matrix-matrix.
 */
public record Batch(List<Entry> entries) {

    public Batch {
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one entry");
        }
    }

    /**
     * @param cache     the sequence's KV cache; the same cache may appear only once per batch
     * @param tokens    token ids to append, at least one
     * @param allLogits true for logits of every token (scoring), false for the last token only (generation)
     */
    public record Entry(KvCache cache, int[] tokens, boolean allLogits) {
        public Entry {
            if (tokens.length == 0) {
                throw new IllegalArgumentException("a batch entry needs at least one token");
            }
            tokens = tokens.clone();
        }
    }

    public static Batch of(KvCache cache, int... tokens) {
        return new Batch(List.of(new Entry(cache, tokens, false)));
    }

    public int tokenCount() {
        return entries.stream().mapToInt(e -> e.tokens().length).sum();
    }
}
