package dev.guild.runtime.model.internal;

import dev.guild.runtime.kernel.TensorOps;
import dev.guild.runtime.model.ModelConfig.RopeType;

/**
 * Rotary position embedding as ggml computes its angles (no scaling): theta_i = pos · base^(-2i/n_rot),
 * accumulated by repeated float multiplication; NORM rotates (x[2i], x[2i+1]), NEOX rotates
 * (x[i], x[i + n_rot/2]). Dimensions at and beyond n_rot pass through.
 */
public final class Rope {

    private final boolean neox;
    private final int nRot;
    private final float thetaScale;
    private final TensorOps ops;

    public Rope(RopeType type, int nRot, float freqBase, TensorOps ops) {
        if (nRot <= 0 || nRot % 2 != 0) {
            throw new IllegalArgumentException("rope dimension count must be positive and even, got " + nRot);
        }
        this.neox = type == RopeType.NEOX;
        this.nRot = nRot;
        this.thetaScale = (float) Math.pow(freqBase, -2.0f / nRot);
        this.ops = ops;
    }

    /** Rotates {@code heads} consecutive vectors of width {@code headDim} starting at {@code off}. */
    public void apply(float[] x, int off, int heads, int headDim, int pos) {
        float[] cos = new float[nRot / 2];
        float[] sin = new float[nRot / 2];
        float theta = pos;
        for (int i = 0; i < nRot / 2; i++) {
            cos[i] = (float) Math.cos(theta);
            sin[i] = (float) Math.sin(theta);
            theta *= thetaScale;
        }
        ops.rope(x, off, heads, headDim, nRot, cos, sin, 0, neox);
    }
}
