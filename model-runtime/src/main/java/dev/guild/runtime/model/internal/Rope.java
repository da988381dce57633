package dev.guild.runtime.model.internal;

import dev.guild.runtime.model.ModelConfig.RopeType;

/**
 * Rotary position embedding as ggml computes it (no scaling): theta_i = pos * base^(-2i/n_rot),
 * accumulated by repeated float multiplication; NORM rotates (x[2i], x[2i+1]), NEOX rotates
 * (x[i], x[i + n_rot/2]). Dimensions at and beyond n_rot pass through.
 */
public final class Rope {

    private final RopeType type;
    private final int nRot;
    private final float thetaScale;

    public Rope(RopeType type, int nRot, float freqBase) {
        if (nRot % 2 != 0) {
            throw new IllegalArgumentException("rope dimension count must be even, got " + nRot);
        }
        this.type = type;
        this.nRot = nRot;
        this.thetaScale = (float) Math.pow(freqBase, -2.0f / nRot);
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
        for (int h = 0; h < heads; h++) {
            int base = off + h * headDim;
            for (int i = 0; i < nRot / 2; i++) {
                int a = type == RopeType.NORM ? base + 2 * i : base + i;
                int b = type == RopeType.NORM ? a + 1 : a + nRot / 2;
                float x0 = x[a];
                float x1 = x[b];
                x[a] = x0 * cos[i] - x1 * sin[i];
                x[b] = x0 * sin[i] + x1 * cos[i];
            }
        }
    }
}
