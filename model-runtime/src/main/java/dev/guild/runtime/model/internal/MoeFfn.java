package dev.guild.runtime.model.internal;

import dev.guild.runtime.kernel.TensorOps;

import dev.guild.runtime.model.ModelConfig;
import dev.guild.runtime.model.MoeRouter;

/**
 * Mixture-of-experts feed-forward the way fast engines run it: route every token of the step,
 * group the tokens by expert, run each selected expert once over its group (its weights are read
 * once per step; unselected experts are never touched), scale each expert's output by the routing
 * weight after the down projection and sum per token in selection order. An optional shared
 * expert is added, optionally gated per token by sigmoid(w·x) (qwen2moe).
 */
public final class MoeFfn implements FeedForward {

    private final Linear router;
    private final MoeRouter routing;
    private final DenseFfn[] experts;
    private final FeedForward shared;
    private final float[] sharedGate;
    private final TensorOps ops;

    /**
     * @param router     {@code ffn_gate_inp}: experts × embedding
     * @param routing    selection rules
     * @param experts    one SwiGLU per expert (views into the stacked tensors)
     * @param shared     shared expert or null
     * @param sharedGate {@code ffn_gate_inp_shexp} (embedding) or null for an ungated shared expert
     */
    public MoeFfn(Linear router, MoeRouter routing, DenseFfn[] experts, FeedForward shared, float[] sharedGate,
                  TensorOps ops) {
        this.ops = ops;
        this.router = router;
        this.routing = routing;
        this.experts = experts.clone();
        this.shared = shared;
        this.sharedGate = sharedGate;
    }

    /**
     * Loads the router {@code blk.N.ffn_gate_inp.weight} and the stacked experts of layer {@code layer},
     * routed by the config's rules with the optional selection {@code bias}.
     *
     * @param shared     shared expert or null
     * @param sharedGate per-token sigmoid gate of the shared expert, or null
     */
    public static MoeFfn load(Weights w, int layer, int embd, ModelConfig.Moe moe, float[] bias, FeedForward shared,
                              float[] sharedGate) {
        MoeRouter routing = new MoeRouter(moe.gating(), moe.expertUsedCount(), moe.normalizeWeights(),
                moe.weightsScale(), moe.groupCount(), moe.groupUsedCount(), bias);
        return new MoeFfn(w.matrix(Weights.layer(layer, "ffn_gate_inp.weight"), embd, moe.expertCount()), routing,
                loadExperts(w, layer, embd, moe.expertFeedForwardLength(), moe.expertCount()), shared, sharedGate,
                w.compute().ops());
    }

    /**
     * Loads the stacked experts {@code blk.N.ffn_{gate,up,down}_exps.weight}, or the merged
     * {@code blk.N.ffn_gate_up_exps.weight} of newer GGUFs (each expert's gate rows, then its up rows, as
     * llama.cpp's {@code build_moe_ffn} splits it) with {@code ffn_down_exps}.
     */
    public static DenseFfn[] loadExperts(Weights w, int layer, int embd, int ff, int count) {
        Linear[] gate = new Linear[count];
        Linear[] up = new Linear[count];
        String merged = Weights.layer(layer, "ffn_gate_up_exps.weight");
        if (w.has(merged)) {
            Linear[][] pairs = w.stackedPairs(merged, embd, ff, count);
            for (int e = 0; e < count; e++) {
                gate[e] = pairs[e][0];
                up[e] = pairs[e][1];
            }
        } else {
            gate = w.stacked(Weights.layer(layer, "ffn_gate_exps.weight"), embd, ff, count);
            up = w.stacked(Weights.layer(layer, "ffn_up_exps.weight"), embd, ff, count);
        }
        Linear[] down = w.stacked(Weights.layer(layer, "ffn_down_exps.weight"), ff, embd, count);
        DenseFfn[] out = new DenseFfn[count];
        for (int e = 0; e < count; e++) {
            out[e] = new DenseFfn(gate[e], up[e], down[e], w.compute().ops());
        }
        return out;
    }

    @Override
    public void forward(float[] x, int n, float[] out) {
        int embd = router.cols();
        int nExp = experts.length;
        int k = routing.topK();
        float[] logits = new float[n * nExp];
        router.matmul(x, n, logits);
        int[] selected = new int[n * k];
        float[] weights = new float[n * k];
        int[] sel = new int[k];
        float[] wts = new float[k];
        int[] groupSize = new int[nExp];
        for (int t = 0; t < n; t++) {
            routing.route(logits, t * nExp, nExp, sel, wts);
            System.arraycopy(sel, 0, selected, t * k, k);
            System.arraycopy(wts, 0, weights, t * k, k);
            for (int e : sel) {
                groupSize[e]++;
            }
        }
        // slot output: per (token, slot) the weighted expert output
        float[] slots = new float[n * k * embd];
        for (int e = 0; e < nExp; e++) {
            int m = groupSize[e];
            if (m == 0) {
                continue;
            }
            int[] members = new int[m];
            float[] xe = new float[m * embd];
            int j = 0;
            for (int ts = 0; ts < n * k; ts++) {
                if (selected[ts] == e) {
                    members[j] = ts;
                    System.arraycopy(x, (ts / k) * embd, xe, j * embd, embd);
                    j++;
                }
            }
            float[] ye = new float[m * embd];
            experts[e].forward(xe, m, ye);
            for (int i = 0; i < m; i++) {
                int ts = members[i];
                System.arraycopy(ye, i * embd, slots, ts * embd, embd);
                ops.scale(slots, ts * embd, embd, weights[ts]);
            }
        }
        for (int t = 0; t < n; t++) {
            System.arraycopy(slots, t * k * embd, out, t * embd, embd);
            for (int s = 1; s < k; s++) {
                ops.add(out, t * embd, out, t * embd, slots, (t * k + s) * embd, embd);
            }
        }
        if (shared != null) {
            addShared(x, n, out, embd);
        }
    }

    private void addShared(float[] x, int n, float[] out, int embd) {
        float[] s = new float[n * embd];
        shared.forward(x, n, s);
        for (int t = 0; t < n; t++) {
            float g = 1f;
            if (sharedGate != null) {
                // sigmoid computed as silu(z) / z, as llama.cpp does
                float z = ops.dot(sharedGate, 0, x, t * embd, embd);
                float[] silu = {z};
                ops.silu(silu, 0, 1);
                g = silu[0] / z;
            }
            ops.addScaled(out, t * embd, s, t * embd, g, embd);
        }
    }
}
