package dev.guild.runtime.model.internal;

/** The feed-forward half of a layer over a step's tokens. */
public interface FeedForward {

    /** x: tokens × embedding (normalised); out: tokens × embedding (overwritten). */
    void forward(float[] x, int n, float[] out);
}
