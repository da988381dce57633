package dev.guild.runtime.kernel;

/**
 * The element-wise and reduction operations of a transformer step, on float arrays with explicit offsets
 * (counts and offsets in elements). In-place where the signature has one array. Numerics follow ggml-cpu
 * (sums of squares and softmax normalisers in double).
 */
public interface TensorOps {

    /** {@code out[i] = x[i] / sqrt(mean(x²) + eps) * weight[i]}; {@code weight} may be null (no gain). */
    void rmsnorm(float[] out, int outOff, float[] x, int xOff, float[] weight, int wOff, int n, float eps);

    /** In-place softmax of {@code x[off..off+n)} (max-subtracted). */
    void softmax(float[] x, int off, int n);

    /** In-place {@code x = x * sigmoid(x)}. */
    void silu(float[] x, int off, int n);

    /** {@code out[i] = silu(gate[i]) * up[i]} (SwiGLU); {@code out} may alias {@code gate}. */
    void swiglu(float[] out, int outOff, float[] gate, int gOff, float[] up, int uOff, int n);

    /**
     * Rotary embedding of {@code nHeads} heads of {@code headDim} values at {@code x[off..]}, rotating the
     * first {@code nRot} dims of each head. {@code cos[csOff + i]} and {@code sin[csOff + i]}, i &lt; nRot/2,
     * are the precomputed cos/sin of pair i at this token's position.
     *
     * @param neox false: ggml NORM style, pairs (2i, 2i+1) (llama, granite, deepseek2); true: NEOX style,
     *             pairs (i, i + nRot/2) (qwen2/3, olmoe)
     */
    void rope(float[] x, int off, int nHeads, int headDim, int nRot, float[] cos, float[] sin, int csOff, boolean neox);

    /** {@code out[i] = a[i] + b[i]}; {@code out} may alias {@code a} or {@code b}. */
    void add(float[] out, int outOff, float[] a, int aOff, float[] b, int bOff, int n);

    /** In-place {@code x[i] *= s}. */
    void scale(float[] x, int off, int n, float s);

    /** {@code out[i] += s * a[i]} (used to accumulate weighted expert outputs). */
    void addScaled(float[] out, int outOff, float[] a, int aOff, float s, int n);

    /** Dot product of {@code a[aOff..aOff+n)} and {@code b[bOff..bOff+n)}. */
    float dot(float[] a, int aOff, float[] b, int bOff, int n);

    /** Index (relative to {@code off}) of the largest value; the lowest index wins ties; NaN is never chosen unless all are NaN. */
    int argmax(float[] x, int off, int n);

    /**
     * Indices (relative to {@code off}) of the {@code k} largest values, largest first, lower index first on
     * ties, written to {@code idx[0..k)}.
     */
    void topK(float[] x, int off, int n, int k, int[] idx);
}
