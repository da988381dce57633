package dev.guild.runtime.model.internal;

import dev.guild.runtime.model.ModelConfig;
import java.util.Optional;

/**
 * Multi-head attention with grouped key/value heads (llama, qwen, olmoe, granite): projections
 * with optional biases, optional RMSNorm of q and k (per head as in qwen3, or over the full
 * projected width as in olmoe) before the rotary embedding, then causal attention and the output
 * projection.
 */
public final class GqaAttention implements AttentionBlock {

    /** Where the optional q/k RMSNorm weights apply. */
    public enum QkNorm { NONE, PER_HEAD, FULL_WIDTH }

    private final Linear wq;
    private final Linear wk;
    private final Linear wv;
    private final Linear wo;
    private final float[] bq;
    private final float[] bk;
    private final float[] bv;
    private final float[] bo;
    private final QkNorm qkNorm;
    private final float[] qNorm;
    private final float[] kNorm;
    private final ModelConfig.Attention cfg;
    private final Rope rope;
    private final Compute compute;

    /** Loads {@code blk.N.attn_{q,k,v,output}} with optional biases and q/k norms of the given kind. */
    public GqaAttention(Weights w, int layer, int embd, ModelConfig.Attention cfg, QkNorm qkNorm) {
        int qw = cfg.headCount() * cfg.keyLength();
        int kw = cfg.headCountKv() * cfg.keyLength();
        int vw = cfg.headCountKv() * cfg.valueLength();
        this.cfg = cfg;
        this.compute = w.compute();
        this.wq = w.matrix(Weights.layer(layer, "attn_q.weight"), embd, qw);
        this.wk = w.matrix(Weights.layer(layer, "attn_k.weight"), embd, kw);
        this.wv = w.matrix(Weights.layer(layer, "attn_v.weight"), embd, vw);
        this.wo = w.matrix(Weights.layer(layer, "attn_output.weight"), cfg.headCount() * cfg.valueLength(), embd);
        this.bq = orNull(w.optionalVector(Weights.layer(layer, "attn_q.bias"), qw));
        this.bk = orNull(w.optionalVector(Weights.layer(layer, "attn_k.bias"), kw));
        this.bv = orNull(w.optionalVector(Weights.layer(layer, "attn_v.bias"), vw));
        this.bo = orNull(w.optionalVector(Weights.layer(layer, "attn_output.bias"), embd));
        this.qkNorm = qkNorm;
        this.qNorm = switch (qkNorm) {
            case NONE -> null;
            case PER_HEAD -> w.vector(Weights.layer(layer, "attn_q_norm.weight"), cfg.keyLength());
            case FULL_WIDTH -> w.vector(Weights.layer(layer, "attn_q_norm.weight"), qw);
        };
        this.kNorm = switch (qkNorm) {
            case NONE -> null;
            case PER_HEAD -> w.vector(Weights.layer(layer, "attn_k_norm.weight"), cfg.keyLength());
            case FULL_WIDTH -> w.vector(Weights.layer(layer, "attn_k_norm.weight"), kw);
        };
        this.rope = new Rope(cfg.ropeType(), cfg.ropeDimensions(), cfg.ropeFreqBase(), cfg.ropeScaling(), compute.ops());
    }

    private static float[] orNull(Optional<float[]> v) {
        return v.orElse(null);
    }

    @Override
    public int keyWidth() {
        return cfg.headCountKv() * cfg.keyLength();
    }

    @Override
    public int valueWidth() {
        return cfg.headCountKv() * cfg.valueLength();
    }

    @Override
    public void forward(float[] x, Step step, int layer, float[] out) {
        int n = step.tokens;
        int heads = cfg.headCount();
        int kvHeads = cfg.headCountKv();
        int dk = cfg.keyLength();
        // q, k and v in one pool run
        float[] q = new float[n * wq.rows()];
        float[] k = new float[n * wk.rows()];
        float[] v = new float[n * wv.rows()];
        compute.matmulAll(new Linear[] {wq, wk, wv}, x, n, new float[][] {q, k, v});
        addBias(q, n, bq);
        addBias(k, n, bk);
        addBias(v, n, bv);
        if (qkNorm == QkNorm.PER_HEAD) {
            compute.rmsNorm(q, n * heads, dk, qNorm, cfg.rmsEps());
            compute.rmsNorm(k, n * kvHeads, dk, kNorm, cfg.rmsEps());
        } else if (qkNorm == QkNorm.FULL_WIDTH) {
            compute.rmsNorm(q, n, heads * dk, qNorm, cfg.rmsEps());
            compute.rmsNorm(k, n, kvHeads * dk, kNorm, cfg.rmsEps());
        }
        for (int t = 0; t < n; t++) {
            rope.apply(q, t * heads * dk, heads, dk, step.pos[t]);
            rope.apply(k, t * kvHeads * dk, kvHeads, dk, step.pos[t]);
            step.cache(t).put(layer, step.pos[t], k, t * keyWidth(), v, t * valueWidth());
        }
        float[] attn = new float[n * heads * cfg.valueLength()];
        CausalAttention.compute(compute, step, layer, q, heads, kvHeads, dk, cfg.valueLength(), cfg.kqScale(), attn);
        wo.matmul(attn, n, out);
        if (bo != null) {
            compute.addBias(out, n, bo);
        }
    }

    private void addBias(float[] y, int n, float[] bias) {
        if (bias != null) {
            compute.addBias(y, n, bias);
        }
    }
}
