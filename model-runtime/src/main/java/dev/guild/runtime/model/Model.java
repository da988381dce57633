package dev.guild.runtime.model;

import dev.guild.runtime.tokenizer.Tokenizer;
import java.util.List;
import java.util.Optional;

/**
 * A loaded transformer. {@link #forward} runs one step over a batch of sequences and returns, per
 * entry, the logits it asked for (one row of {@code vocabSize} floats per position: the last
 * token, or every token). Not thread-safe: one step at a time; the step itself uses many threads.
 */
public interface Model extends AutoCloseable {

    ModelConfig config();

    /** The tokenizer described by the file's {@code tokenizer.ggml.*} metadata; empty when it has none. */
    Optional<Tokenizer> tokenizer();

    /** A fresh KV cache for one sequence of at most {@code capacity} tokens (capped at the context length). */
    KvCache newCache(int capacity);

    /** The rows one cached position takes, for KV caches built outside the model (a paged block pool). */
    KvShape kvShape();

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
