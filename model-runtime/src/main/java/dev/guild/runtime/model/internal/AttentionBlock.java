package dev.guild.runtime.model.internal;

/** Self-attention of one layer over a step's tokens, reading and extending each sequence's KV cache. */
public interface AttentionBlock {

    /** Floats per cached key row. */
    int keyWidth();

    /** Floats per cached value row. */
    int valueWidth();

    /** x: normalised input, tokens × embedding; out: tokens × embedding (overwritten). */
    void forward(float[] x, Step step, int layer, float[] out);
}
