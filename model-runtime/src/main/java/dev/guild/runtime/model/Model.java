package dev.guild.runtime.model;

import java.util.List;

/**
 * A loaded transformer. {@link #forward} runs one step over a batch of sequences and returns, per
 * entry, the logits it asked for (one row of {@code vocabSize} floats per position: the last
 * token, or every token). Not thread-safe: one step at a time; the step itself uses many threads.
 */
public interface Model extends AutoCloseable {

    ModelConfig config();

    /** A fresh KV cache for one sequence of at most {@code capacity} tokens (capped at the context length). */
    KvCache newCache(int capacity);

    /**
     * Appends each entry's tokens to its sequence and returns the requested logits, in entry order.
     *
     * @throws ContextLimitException when an entry would grow past its cache's capacity
     */
    List<float[][]> forward(Batch batch);

    @Override
    default void close() {
    }
}
