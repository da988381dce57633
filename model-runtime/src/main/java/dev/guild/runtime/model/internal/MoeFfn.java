package dev.guild.runtime.model.internal;

import dev.guild.runtime.kernel.MatMul;
import dev.guild.runtime.kernel.TensorOps;
import dev.guild.runtime.kernel.WeightMatrix;

import dev.guild.runtime.model.ModelConfig;
import dev.guild.runtime.model.MoeRouter;

/**
 * Mixture-of-experts feed-forward the way fast engines run it: route every token of the step,
 * group the tokens by expert, run each selected expert once over its group (its weights are read
 * once per step; unselected experts are never touched), scale each expert's output by the routing
 * weight after the down projection and sum per token in selection order. The selected experts run in
 * parallel: one pool run computes every (expert, row chunk) of the gate and up projections, a second one
 * every (expert, row chunk) of the down projection, each unit a single-threaded matmul over its expert's
 * tokens (the results are the same bits as one expert after the other). An optional shared
 * expert is added, optionally gated per token by sigmoid(w·x) (qwen2moe).
 */
public final class MoeFfn implements FeedForward {

    private final Linear router;
    private final MoeRouter routing;
    private final DenseFfn[] experts;
    private final FeedForward shared;
    private final float[] sharedGate;
    private final TensorOps ops;
    private final Compute compute;

    /**
     * @param router     {@code ffn_gate_inp}: experts × embedding
     * @param routing    selection rules
     * @param experts    one SwiGLU per expert (views into the stacked tensors)
     * @param shared     shared expert or null
     * @param sharedGate {@code ffn_gate_inp_shexp} (embedding) or null for an ungated shared expert
     */
    public MoeFfn(Linear router, MoeRouter routing, DenseFfn[] experts, FeedForward shared, float[] sharedGate,
                  Compute compute) {
        this.compute = compute;
        this.ops = compute.ops();
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
                w.compute());
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
        Group[] groups = groups(x, n, k, embd, selected, groupSize);
        int threads = compute.pool().threads();
        int ff = experts[0].up().rows();
        int upChunks = chunks(ff, groups.length, threads);
        int downChunks = chunks(embd, groups.length, threads);
        // two pool runs per layer: every (expert, row chunk) of gate·up, then of down
        compute.pool().forEach(groups.length * upChunks, u -> groups[u / upChunks].gateUp(u % upChunks, upChunks));
        compute.pool().forEach(groups.length * downChunks, u -> groups[u / downChunks].down(u % downChunks, downChunks));
        // slot output: per (token, slot) the weighted expert output
        float[] slots = new float[n * k * embd];
        for (Group g : groups) {
            for (int i = 0; i < g.members.length; i++) {
                int ts = g.members[i];
                System.arraycopy(g.y, i * embd, slots, ts * embd, embd);
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

    /** The selected experts with their tokens gathered, the largest group first (the costliest unit first). */
    private Group[] groups(float[] x, int n, int k, int embd, int[] selected, int[] groupSize) {
        int active = 0;
        for (int size : groupSize) {
            active += size > 0 ? 1 : 0;
        }
        Group[] groups = new Group[active];
        int[] filled = new int[experts.length];
        int[] index = new int[experts.length];
        int g = 0;
        for (int e = 0; e < experts.length; e++) {
            if (groupSize[e] > 0) {
                index[e] = g;
                groups[g++] = new Group(e, groupSize[e], embd);
            }
        }
        for (int ts = 0; ts < n * k; ts++) {
            int e = selected[ts];
            Group group = groups[index[e]];
            int j = filled[e]++;
            group.members[j] = ts;
            System.arraycopy(x, (ts / k) * embd, group.x, j * embd, embd);
        }
        java.util.Arrays.sort(groups, (a, b) -> Integer.compare(b.members.length, a.members.length));
        return groups;
    }

    /**
     * Row chunks per expert matrix: enough (expert, chunk) units for every thread to take several when few
     * experts are selected (batch-1 decode on many threads), one when there are plenty. Chunks are whole
     * multiples of {@link Compute#CHUNK_ROWS} rows so that each row meets the same kernel code (4-row groups, vector
     * lanes of the SwiGLU) as in one whole-matrix product: the results are bit-identical to it.
     */
    static int chunks(int rows, int groups, int threads) {
        if (threads == 1 || rows % Compute.CHUNK_ROWS != 0) {
            return 1;
        }
        int want = (4 * threads + groups - 1) / groups;
        return Math.max(1, Math.min(want, rows / Compute.CHUNK_ROWS));
    }

    /** First row of chunk {@code c} of {@code chunks} over {@code rows} rows. */
    private static int chunkStart(int rows, int c, int chunks) {
        return (int) ((long) c * (rows / Compute.CHUNK_ROWS) / chunks) * Compute.CHUNK_ROWS;
    }

    /** One selected expert in a step: its tokens' activations, SwiGLU hidden rows and outputs. */
    private final class Group {
        final int expert;
        /** (token, slot) indices routed here, in token order. */
        final int[] members;
        final float[] x;
        final float[] h;
        final float[] y;

        Group(int expert, int m, int embd) {
            this.expert = expert;
            this.members = new int[m];
            this.x = new float[m * embd];
            this.h = new float[m * experts[expert].up().rows()];
            this.y = new float[m * embd];
        }

        /** {@code h = silu(gate·x) ⊙ up·x} for the hidden rows of chunk {@code c}. */
        void gateUp(int c, int chunks) {
            int m = members.length;
            int ff = h.length / m;
            WeightMatrix gate = Compute.weights(experts[expert].gate());
            WeightMatrix up = Compute.weights(experts[expert].up());
            MatMul mm = compute.serialMatMul();
            if (chunks == 1) {
                float[] u = new float[m * ff];
                mm.matmul(gate, x, m, h);
                mm.matmul(up, x, m, u);
                ops.swiglu(h, 0, h, 0, u, 0, m * ff);
                return;
            }
            int r0 = chunkStart(ff, c, chunks);
            int w = chunkStart(ff, c + 1, chunks) - r0;
            float[] u = new float[m * ff];
            compute.serialMatMulRows(gate, r0, r0 + w, x, m, h);
            compute.serialMatMulRows(up, r0, r0 + w, x, m, u);
            for (int t = 0; t < m; t++) {
                ops.swiglu(h, t * ff + r0, h, t * ff + r0, u, t * ff + r0, w);
            }
        }

        /** {@code y = down·h} for the output rows of chunk {@code c}. */
        void down(int c, int chunks) {
            int m = members.length;
            int embd = y.length / m;
            WeightMatrix down = Compute.weights(experts[expert].down());
            MatMul mm = compute.serialMatMul();
            if (chunks == 1) {
                mm.matmul(down, h, m, y);
                return;
            }
            int r0 = chunkStart(embd, c, chunks);
            int w = chunkStart(embd, c + 1, chunks) - r0;
            compute.serialMatMulRows(down, r0, r0 + w, h, m, y);
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
