package dev.guild.runtime.kernel.internal;

import dev.guild.runtime.kernel.TensorOps;

/** Plain scalar operations in ggml-cpu's float order ({@link GgmlMath}): the ground truth for {@link VectorOps}. */
public class ReferenceOps implements TensorOps {

    @Override
    public void rmsnorm(float[] out, int outOff, float[] x, int xOff, float[] weight, int wOff, int n, float eps) {
        float scale = GgmlMath.rmsScale(x, xOff, n, eps);
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i] * scale;
            out[outOff + i] = weight == null ? v : v * weight[wOff + i];
        }
    }

    @Override
    public void softmax(float[] x, int off, int n) {
        GgmlMath.softmaxInPlace(x, off, n);
    }

    @Override
    public void silu(float[] x, int off, int n) {
        GgmlMath.silu(x, off, n);
    }

    @Override
    public void swiglu(float[] out, int outOff, float[] gate, int gOff, float[] up, int uOff, int n) {
        int bound = n & ~7;
        for (int i = 0; i < bound; i++) {
            out[outOff + i] = GgmlMath.silu(gate[gOff + i]) * up[uOff + i];
        }
        for (int i = bound; i < n; i++) {
            out[outOff + i] = GgmlMath.siluTail(gate[gOff + i]) * up[uOff + i];
        }
    }

    @Override
    public void rope(float[] x, int off, int nHeads, int headDim, int nRot, float[] cos, float[] sin, int csOff, boolean neox) {
        checkRope(headDim, nRot);
        int half = nRot / 2;
        for (int h = 0; h < nHeads; h++) {
            int base = off + h * headDim;
            for (int i = 0; i < half; i++) {
                int i0 = neox ? base + i : base + 2 * i;
                int i1 = neox ? base + i + half : base + 2 * i + 1;
                float c = cos[csOff + i];
                float s = sin[csOff + i];
                float x0 = x[i0];
                float x1 = x[i1];
                x[i0] = x0 * c - x1 * s;
                x[i1] = x0 * s + x1 * c;
            }
        }
    }

    static void checkRope(int headDim, int nRot) {
        if (nRot <= 0 || nRot > headDim || nRot % 2 != 0) {
            throw new IllegalArgumentException("rope dims %d must be even and in (0, head dim %d]".formatted(nRot, headDim));
        }
    }

    @Override
    public void add(float[] out, int outOff, float[] a, int aOff, float[] b, int bOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = a[aOff + i] + b[bOff + i];
        }
    }

    @Override
    public void scale(float[] x, int off, int n, float s) {
        for (int i = 0; i < n; i++) {
            x[off + i] *= s;
        }
    }

    @Override
    public void addScaled(float[] out, int outOff, float[] a, int aOff, float s, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] += s * a[aOff + i];
        }
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        return GgmlMath.vecDotF32(a, aOff, b, bOff, n);
    }

    @Override
    public int argmax(float[] x, int off, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (x[off + i] > x[off + best] || Float.isNaN(x[off + best]) && !Float.isNaN(x[off + i])) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public void topK(float[] x, int off, int n, int k, int[] idx) {
        if (k < 0 || k > n || k > idx.length) {
            throw new IllegalArgumentException("top-k %d must be in [0, min(%d values, %d slots)]".formatted(k, n, idx.length));
        }
        // Insertion into a sorted prefix: k is small (experts per token, sampling candidates).
        int filled = 0;
        for (int i = 0; i < n; i++) {
            float v = x[off + i];
            if (Float.isNaN(v) || filled == k && !(v > x[off + idx[k - 1]])) {
                continue;
            }
            int p = Math.min(filled, k - 1);
            while (p > 0 && v > x[off + idx[p - 1]]) {
                idx[p] = idx[p - 1];
                p--;
            }
            idx[p] = i;
            if (filled < k) {
                filled++;
            }
        }
        for (int i = 0; filled < k; i++) {
            if (Float.isNaN(x[off + i])) {
                idx[filled++] = i;
            }
        }
    }
}
