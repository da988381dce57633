package dev.guild.runtime.model.internal;

import dev.guild.runtime.kernel.TensorOps;

/** SwiGLU feed-forward: down(silu(gate·x) ⊙ up·x). Also one expert of a MoE layer. */
public record DenseFfn(Linear gate, Linear up, Linear down, TensorOps ops) implements FeedForward {

    /** Loads {@code blk.N.ffn_{gate,up,down}<suffix>.weight} of width {@code ff}. */
    public static DenseFfn load(Weights w, int layer, String suffix, int embd, int ff) {
        return new DenseFfn(
                w.matrix(Weights.layer(layer, "ffn_gate" + suffix + ".weight"), embd, ff),
                w.matrix(Weights.layer(layer, "ffn_up" + suffix + ".weight"), embd, ff),
                w.matrix(Weights.layer(layer, "ffn_down" + suffix + ".weight"), ff, embd), w.compute().ops());
    }

    @Override
    public void forward(float[] x, int n, float[] out) {
        int ff = up.rows();
        float[] g = new float[n * ff];
        float[] u = new float[n * ff];
        gate.matmul(x, n, g);
        up.matmul(x, n, u);
        ops.swiglu(g, 0, g, 0, u, 0, n * ff);
        down.matmul(g, n, out);
    }
}
