package dev.guild.runtime.model.deepseek2;

import dev.guild.runtime.model.ModelConfig;
import dev.guild.runtime.model.internal.AttentionBlock;
import dev.guild.runtime.model.internal.CausalAttention;
import dev.guild.runtime.model.internal.Compute;
import dev.guild.runtime.model.internal.Linear;
import dev.guild.runtime.model.internal.Rope;
import dev.guild.runtime.model.internal.Step;
import dev.guild.runtime.model.internal.Weights;

/**
 * DeepSeek multi-head latent attention. Queries come from {@code attn_q} ("lite") or the low-rank
 * {@code attn_q_a} → norm → {@code attn_q_b}; keys and values from the compressed latent
 * {@code attn_kv_a_mqa} = [kv_lora | k_pe], normalised, with rope on the q_pe and k_pe parts.
 *
 * <p>Split form ({@code attn_k_b}, {@code attn_v_b}): absorbed MLA, run as one shared key/value
 * head over [latent | k_pe], caching only kv_lora + rope floats per token and layer; q_nope is
 * absorbed through {@code attn_k_b} and the per-head latent output decompressed through
 * {@code attn_v_b}. Legacy form ({@code attn_kv_b}): the latent is decompressed into per-head keys
 * and values and run as ordinary multi-head attention.
 */
final class MlaAttention implements AttentionBlock {

    private final int heads;
    private final int nope;
    private final int rot;
    private final int kvLora;
    private final int vDim;
    private final float eps;
    private final float kqScale;
    private final Linear wq;
    private final Linear wqA;
    private final float[] qANorm;
    private final Linear wqB;
    private final Linear wkvA;
    private final float[] kvANorm;
    private final Linear[] wkB;
    private final Linear[] wvB;
    private final Linear wkvB;
    private final Linear wo;
    private final Rope rope;
    private final Compute compute;

    MlaAttention(Weights w, int l, ModelConfig c) {
        ModelConfig.Mla mla = c.mla();
        compute = w.compute();
        int embd = c.embeddingLength();
        heads = c.attention().headCount();
        rot = c.attention().ropeDimensions();
        nope = mla.keyLength() - rot;
        kvLora = mla.kvLoraRank();
        vDim = mla.valueLength();
        eps = c.attention().rmsEps();
        kqScale = c.attention().kqScale();
        int qWidth = heads * (nope + rot);
        if (mla.qLoraRank() == 0 || w.has(Weights.layer(l, "attn_q.weight"))) {
            wq = w.matrix(Weights.layer(l, "attn_q.weight"), embd, qWidth);
            wqA = null;
            qANorm = null;
            wqB = null;
        } else {
            wq = null;
            wqA = w.matrix(Weights.layer(l, "attn_q_a.weight"), embd, mla.qLoraRank());
            qANorm = w.vector(Weights.layer(l, "attn_q_a_norm.weight"), mla.qLoraRank());
            wqB = w.matrix(Weights.layer(l, "attn_q_b.weight"), mla.qLoraRank(), qWidth);
        }
        wkvA = w.matrix(Weights.layer(l, "attn_kv_a_mqa.weight"), embd, kvLora + rot);
        kvANorm = w.vector(Weights.layer(l, "attn_kv_a_norm.weight"), kvLora);
        if (w.has(Weights.layer(l, "attn_k_b.weight"))) {
            wkB = w.stacked(Weights.layer(l, "attn_k_b.weight"), nope, kvLora, heads);
            wvB = w.stacked(Weights.layer(l, "attn_v_b.weight"), kvLora, vDim, heads);
            wkvB = null;
        } else {
            wkB = null;
            wvB = null;
            wkvB = w.matrix(Weights.layer(l, "attn_kv_b.weight"), kvLora, heads * (nope + vDim));
        }
        wo = w.matrix(Weights.layer(l, "attn_output.weight"), heads * vDim, embd);
        rope = new Rope(c.attention().ropeType(), rot, c.attention().ropeFreqBase(), c.attention().ropeScaling(), compute.ops());
    }

    private boolean absorbed() {
        return wkB != null;
    }

    @Override
    public int keyWidth() {
        return absorbed() ? kvLora + rot : heads * (nope + rot);
    }

    @Override
    public int valueWidth() {
        return absorbed() ? kvLora : heads * vDim;
    }

    @Override
    public void forward(float[] x, Step step, int layer, float[] out) {
        int n = step.tokens;
        int qk = nope + rot;
        float[] q = new float[n * heads * qk];
        if (wq != null) {
            wq.matmul(x, n, q);
        } else {
            float[] qa = new float[n * wqA.rows()];
            wqA.matmul(x, n, qa);
            compute.rmsNorm(qa, n, wqA.rows(), qANorm, eps);
            wqB.matmul(qa, n, q);
        }
        int kvw = kvLora + rot;
        float[] kvpe = new float[n * kvw];
        wkvA.matmul(x, n, kvpe);
        float[] latent = new float[n * kvLora];
        for (int t = 0; t < n; t++) {
            rope.apply(q, t * heads * qk + nope, heads, qk, step.pos[t]);
            rope.apply(kvpe, t * kvw + kvLora, 1, rot, step.pos[t]);
            compute.ops().rmsnorm(kvpe, t * kvw, kvpe, t * kvw, kvANorm, 0, kvLora, eps);
            System.arraycopy(kvpe, t * kvw, latent, t * kvLora, kvLora);
        }
        float[] attn = absorbed() ? absorbedAttention(q, kvpe, latent, step, layer)
                : decompressedAttention(q, kvpe, latent, step, layer);
        wo.matmul(attn, n, out);
    }

    private float[] absorbedAttention(float[] q, float[] kvpe, float[] latent, Step step, int layer) {
        int n = step.tokens;
        int qk = nope + rot;
        int kw = kvLora + rot;
        float[] query = new float[n * heads * kw];
        float[] qNope = new float[n * nope];
        float[] qAbs = new float[n * kvLora];
        for (int h = 0; h < heads; h++) {
            for (int t = 0; t < n; t++) {
                System.arraycopy(q, (t * heads + h) * qk, qNope, t * nope, nope);
            }
            wkB[h].matmul(qNope, n, qAbs);
            for (int t = 0; t < n; t++) {
                int qo = (t * heads + h) * kw;
                System.arraycopy(qAbs, t * kvLora, query, qo, kvLora);
                System.arraycopy(q, (t * heads + h) * qk + nope, query, qo + kvLora, rot);
            }
        }
        for (int t = 0; t < n; t++) {
            step.cache(t).put(layer, step.pos[t], kvpe, t * kw, latent, t * kvLora);
        }
        float[] lat = new float[n * heads * kvLora];
        CausalAttention.compute(compute, step, layer, query, heads, 1, kw, kvLora, kqScale, lat);
        float[] result = new float[n * heads * vDim];
        float[] latH = new float[n * kvLora];
        float[] oH = new float[n * vDim];
        for (int h = 0; h < heads; h++) {
            for (int t = 0; t < n; t++) {
                System.arraycopy(lat, (t * heads + h) * kvLora, latH, t * kvLora, kvLora);
            }
            wvB[h].matmul(latH, n, oH);
            for (int t = 0; t < n; t++) {
                System.arraycopy(oH, t * vDim, result, (t * heads + h) * vDim, vDim);
            }
        }
        return result;
    }

    private float[] decompressedAttention(float[] q, float[] kvpe, float[] latent, Step step, int layer) {
        int n = step.tokens;
        int qk = nope + rot;
        int kvw = kvLora + rot;
        float[] kv = new float[n * heads * (nope + vDim)];
        wkvB.matmul(latent, n, kv);
        float[] k = new float[heads * qk];
        float[] v = new float[heads * vDim];
        for (int t = 0; t < n; t++) {
            for (int h = 0; h < heads; h++) {
                int src = (t * heads + h) * (nope + vDim);
                System.arraycopy(kv, src, k, h * qk, nope);
                System.arraycopy(kvpe, t * kvw + kvLora, k, h * qk + nope, rot);
                System.arraycopy(kv, src + nope, v, h * vDim, vDim);
            }
            step.cache(t).put(layer, step.pos[t], k, 0, v, 0);
        }
        float[] result = new float[n * heads * vDim];
        CausalAttention.compute(compute, step, layer, q, heads, heads, qk, vDim, kqScale, result);
        return result;
    }
}
