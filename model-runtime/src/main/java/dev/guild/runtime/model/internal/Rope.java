package dev.guild.runtime.model.internal;

import dev.guild.runtime.kernel.TensorOps;
import dev.guild.runtime.model.ModelConfig.RopeScaling;
import dev.guild.runtime.model.ModelConfig.RopeType;

/**
 * Rotary position embedding with ggml's angles ({@code ggml_rope_ext} on the CPU): theta_i = pos · base^(-2i/n_rot),
 * accumulated by repeated float multiplication; NORM rotates (x[2i], x[2i+1]), NEOX rotates (x[i], x[i + n_rot/2]).
 * Dimensions at and beyond n_rot pass through. Scaling follows ggml's {@code rope_yarn}: the angle is
 * {@code freqScale · theta} (linear), mixed with the unscaled angle by YaRN's ramp between the correction
 * dimensions when {@code extFactor != 0}, and cos/sin are multiplied by {@code attnFactor} (times YaRN's
 * {@code 1 + 0.1 ln(1/freqScale)}). The float operations are ggml's, including the multiply-adds its x86 build
 * contracts into FMA.
 */
public final class Rope {

    private final boolean neox;
    private final int nRot;
    private final float thetaScale;
    private final RopeScaling scaling;
    private final float corrLow;
    private final float corrHigh;
    private final TensorOps ops;

    public Rope(RopeType type, int nRot, float freqBase, TensorOps ops) {
        this(type, nRot, freqBase, RopeScaling.NONE, ops);
    }

    public Rope(RopeType type, int nRot, float freqBase, RopeScaling scaling, TensorOps ops) {
        if (nRot <= 0 || nRot % 2 != 0) {
            throw new IllegalArgumentException("rope dimension count must be positive and even, got " + nRot);
        }
        this.neox = type == RopeType.NEOX;
        this.nRot = nRot;
        this.thetaScale = (float) Math.pow(freqBase, -2.0f / nRot);
        this.scaling = scaling;
        float start = (float) Math.floor(corrDim(nRot, scaling.originalContext(), scaling.betaFast(), freqBase));
        float end = (float) Math.ceil(corrDim(nRot, scaling.originalContext(), scaling.betaSlow(), freqBase));
        this.corrLow = Math.max(0, start);
        this.corrHigh = Math.min(nRot - 1, end);
        this.ops = ops;
    }

    /** ggml_rope_yarn_corr_dim: the dimension whose wavelength spans {@code nCtxOrig / beta} turns. */
    private static float corrDim(int nDims, int nCtxOrig, float beta, float base) {
        float turns = nCtxOrig / (beta * 2 * (float) Math.PI);
        return nDims * (float) Math.log(turns) / (2 * (float) Math.log(base));
    }

    /** Rotates {@code heads} consecutive vectors of width {@code headDim} starting at {@code off}. */
    public void apply(float[] x, int off, int heads, int headDim, int pos) {
        float[] cos = new float[nRot / 2];
        float[] sin = new float[nRot / 2];
        angles(pos, cos, sin);
        ops.rope(x, off, heads, headDim, nRot, cos, sin, 0, neox);
    }

    /** cos and sin (times the magnitude scale) of each rotated pair at {@code pos}, as ggml's rope cache. */
    void angles(int pos, float[] cos, float[] sin) {
        float freqScale = scaling.freqScale();
        float ext = scaling.extFactor();
        float mscale = scaling.attnFactor();
        if (ext != 0f) {
            mscale *= Math.fma(0.1f, (float) Math.log(1.0f / freqScale), 1.0f);
        }
        boolean plain = freqScale == 1f && ext == 0f && mscale == 1f;
        float theta = pos;
        for (int i = 0; i < nRot / 2; i++) {
            float angle = theta;
            if (!plain) {
                float interp = freqScale * theta;
                angle = interp;
                if (ext != 0f) {
                    float mix = ramp(2 * i) * ext;
                    angle = Math.fma(interp, 1 - mix, theta * mix);
                }
            }
            cos[i] = (float) Math.cos(angle) * mscale;
            sin[i] = (float) Math.sin(angle) * mscale;
            theta *= thetaScale;
        }
    }

    /** ggml's rope_yarn_ramp. */
    private float ramp(int i0) {
        float y = (i0 / 2 - corrLow) / Math.max(0.001f, corrHigh - corrLow);
        return 1 - Math.min(1, Math.max(0, y));
    }
}
