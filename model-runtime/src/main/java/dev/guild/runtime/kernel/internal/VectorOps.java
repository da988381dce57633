package dev.guild.runtime.kernel.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API versions of the element-wise operations: a vector loop plus a scalar tail each. topK stays
 * scalar (k is small; it inherits the reference).
 */
public final class VectorOps extends ReferenceOps {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final FloatVector SHIFT = FloatVector.broadcast(S, 0x1.8p23f);
    private static final FloatVector LOG2E = FloatVector.broadcast(S, 0x1.715476p+0f);
    private static final FloatVector LN2_HI = FloatVector.broadcast(S, 0x1.62e4p-1f);
    private static final FloatVector LN2_LO = FloatVector.broadcast(S, 0x1.7f7d1cp-20f);
    private static final FloatVector P0 = FloatVector.broadcast(S, 0x1.ffffecp-1f);
    private static final FloatVector P1 = FloatVector.broadcast(S, 0x1.fffdb6p-2f);
    private static final FloatVector P2 = FloatVector.broadcast(S, 0x1.555e66p-3f);
    private static final FloatVector P3 = FloatVector.broadcast(S, 0x1.573e2ep-5f);
    private static final FloatVector P4 = FloatVector.broadcast(S, 0x1.0e4020p-7f);
    /** Lane i takes lane i^1: swaps the two values of each adjacent pair. */
    private static final VectorShuffle<Float> SWAP_PAIRS = VectorShuffle.fromOp(S, i -> i ^ 1);
    /** Lane i takes lane i/2: duplicates each of the first L/2 values into a pair. */
    private static final VectorShuffle<Float> DUP_PAIRS = VectorShuffle.fromOp(S, i -> i / 2);
    /** -1 on even lanes, +1 on odd lanes: the signs of sin in the NORM-style rotation. */
    private static final FloatVector PAIR_SIGNS = FloatVector.fromArray(S, pairSigns(), 0);

    private static float[] pairSigns() {
        float[] s = new float[L];
        for (int i = 0; i < L; i++) {
            s[i] = i % 2 == 0 ? -1f : 1f;
        }
        return s;
    }

    @Override
    public void rmsnorm(float[] out, int outOff, float[] x, int xOff, float[] weight, int wOff, int n, float eps) {
        // ggml's order: float squares summed serially in double (a short dependency chain, cheap beside matmuls)
        float scale = GgmlMath.rmsScale(x, xOff, n, eps);
        int bound = S.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i).mul(scale);
            if (weight != null) {
                v = v.mul(FloatVector.fromArray(S, weight, wOff + i));
            }
            v.intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            float v = x[xOff + i] * scale;
            out[outOff + i] = weight == null ? v : v * weight[wOff + i];
        }
    }

    @Override
    public void softmax(float[] x, int off, int n) {
        // GgmlMath.softmaxInPlace with the exponentials vectorised (lane-wise, so the values are the same)
        FloatVector mv = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        int i = 0;
        int bound = S.loopBound(n);
        for (; i < bound; i += L) {
            mv = mv.max(FloatVector.fromArray(S, x, off + i));
        }
        float max = mv.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            max = Math.max(max, x[off + i]);
        }
        int eights = n & ~7;
        i = 0;
        for (; i < S.loopBound(eights); i += L) {
            exp(FloatVector.fromArray(S, x, off + i).sub(max)).intoArray(x, off + i);
        }
        for (; i < eights; i++) {
            x[off + i] = GgmlMath.exp(x[off + i] - max);
        }
        double sum = 0;
        for (int b = 0; b < eights; b += 8) {
            int o = off + b;
            sum += ((x[o] + x[o + 4]) + (x[o + 2] + x[o + 6])) + ((x[o + 1] + x[o + 5]) + (x[o + 3] + x[o + 7]));
        }
        sum += GgmlMath.expTail(x, off + eights, n - eights, max);
        scale(x, off, n, (float) (1.0 / sum));
    }

    /** {@code ggml_v_expf} lane-wise ({@link GgmlMath#exp}); lanes beyond |n| > 126 take the scalar path. */
    private static FloatVector exp(FloatVector x) {
        FloatVector z = x.fma(LOG2E, SHIFT);
        FloatVector n = z.sub(SHIFT);
        FloatVector negN = n.neg();
        FloatVector b = negN.fma(LN2_LO, negN.fma(LN2_HI, x));
        if (n.abs().compare(VectorOperators.GT, 126f).anyTrue()) {
            float[] lanes = x.toArray();
            for (int l = 0; l < lanes.length; l++) {
                lanes[l] = GgmlMath.exp(lanes[l]);
            }
            return FloatVector.fromArray(S, lanes, 0);
        }
        FloatVector k = ((IntVector) z.reinterpretAsInts()).lanewise(VectorOperators.LSHL, 23)
                .add(Float.floatToRawIntBits(1f)).reinterpretAsFloats();
        FloatVector u = b.mul(b);
        FloatVector j = b.fma(P4, P3).fma(u, b.fma(P2, P1)).fma(u, b.mul(P0));
        return j.fma(k, k);
    }

    /** {@code ggml_v_silu}: x / (1 + exp(-x)). */
    private static FloatVector silu(FloatVector v) {
        return v.div(exp(v.neg()).add(1f));
    }

    @Override
    public void silu(float[] x, int off, int n) {
        int i = 0;
        for (; i < S.loopBound(n); i += L) {
            silu(FloatVector.fromArray(S, x, off + i)).intoArray(x, off + i);
        }
        if (i < n) {
            GgmlMath.silu(x, off + i, n - i); // a multiple of 8 lanes, then ggml's scalar tail
        }
    }

    @Override
    public void swiglu(float[] out, int outOff, float[] gate, int gOff, float[] up, int uOff, int n) {
        int i = 0;
        for (; i < S.loopBound(n); i += L) {
            silu(FloatVector.fromArray(S, gate, gOff + i)).mul(FloatVector.fromArray(S, up, uOff + i)).intoArray(out, outOff + i);
        }
        if (i < n) {
            super.swiglu(out, outOff + i, gate, gOff + i, up, uOff + i, n - i);
        }
    }

    @Override
    public void rope(float[] x, int off, int nHeads, int headDim, int nRot, float[] cos, float[] sin, int csOff, boolean neox) {
        checkRope(headDim, nRot);
        int half = nRot / 2;
        for (int h = 0; h < nHeads; h++) {
            int base = off + h * headDim;
            int i = 0;
            if (neox) {
                for (; i < S.loopBound(half); i += L) {
                    FloatVector c = FloatVector.fromArray(S, cos, csOff + i);
                    FloatVector s = FloatVector.fromArray(S, sin, csOff + i);
                    FloatVector x0 = FloatVector.fromArray(S, x, base + i);
                    FloatVector x1 = FloatVector.fromArray(S, x, base + i + half);
                    x0.mul(c).sub(x1.mul(s)).intoArray(x, base + i);
                    x0.mul(s).add(x1.mul(c)).intoArray(x, base + i + half);
                }
            } else {
                // L/2 pairs per step; cos/sin loads read L values and use the first L/2.
                for (; i + L <= half && 2 * i + L <= nRot; i += L / 2) {
                    FloatVector v = FloatVector.fromArray(S, x, base + 2 * i);
                    FloatVector c = FloatVector.fromArray(S, cos, csOff + i).rearrange(DUP_PAIRS);
                    FloatVector s = FloatVector.fromArray(S, sin, csOff + i).rearrange(DUP_PAIRS).mul(PAIR_SIGNS);
                    // even lanes: x0*c + x1*(-s); odd lanes: x1*c + x0*s
                    v.mul(c).add(v.rearrange(SWAP_PAIRS).mul(s)).intoArray(x, base + 2 * i);
                }
            }
            for (; i < half; i++) {
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

    @Override
    public void add(float[] out, int outOff, float[] a, int aOff, float[] b, int bOff, int n) {
        int i = 0;
        for (; i < S.loopBound(n); i += L) {
            FloatVector.fromArray(S, a, aOff + i).add(FloatVector.fromArray(S, b, bOff + i)).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = a[aOff + i] + b[bOff + i];
        }
    }

    @Override
    public void scale(float[] x, int off, int n, float s) {
        int i = 0;
        for (; i < S.loopBound(n); i += L) {
            FloatVector.fromArray(S, x, off + i).mul(s).intoArray(x, off + i);
        }
        for (; i < n; i++) {
            x[off + i] *= s;
        }
    }

    @Override
    public void addScaled(float[] out, int outOff, float[] a, int aOff, float s, int n) {
        int i = 0;
        for (; i < S.loopBound(n); i += L) {
            FloatVector.fromArray(S, a, aOff + i).mul(s).add(FloatVector.fromArray(S, out, outOff + i)).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] += s * a[aOff + i];
        }
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        return GgmlMath.vecDotF32(a, aOff, b, bOff, n); // llama.cpp's order for single rows (vectorised)
    }

    @Override
    public int argmax(float[] x, int off, int n) {
        FloatVector mv = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        int i = 0;
        for (; i < S.loopBound(n); i += L) {
            mv = mv.max(FloatVector.fromArray(S, x, off + i));
        }
        float max = mv.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            max = Math.max(max, x[off + i]);
        }
        if (Float.isNaN(max)) {
            return super.argmax(x, off, n);
        }
        for (int j = 0; j < n; j++) {
            if (x[off + j] == max) {
                return j;
            }
        }
        return 0;
    }
}
