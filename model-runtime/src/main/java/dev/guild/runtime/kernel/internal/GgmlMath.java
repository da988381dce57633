package dev.guild.runtime.kernel.internal;

import dev.guild.runtime.quant.internal.GgmlLanes;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float arithmetic of ggml-cpu's element-wise operations in llama.cpp's x86 AVX2 build (b4916), so that
 * norms, softmax and SiLU give llama.cpp's values bit for bit and no 8-bit activation rounding downstream
 * differs:
 * <ul>
 *   <li>{@link #exp}: {@code ggml_v_expf}, the polynomial exponential of the vector paths of
 *       {@code ggml_vec_soft_max_f32} and {@code ggml_vec_silu_f32} (fused multiply-adds as written);</li>
 *   <li>{@link #rmsScale}: {@code ggml_compute_forward_rms_norm_f32}, float squares summed in double,
 *       {@code 1.0f / sqrtf(mean + eps)} in float;</li>
 *   <li>{@link #softmaxInPlace}: max, {@code exp(x - max)} summed per 8 values in float ({@code hsum} of one
 *       register) into a double, scaled by {@code (float) (1.0 / sum)};</li>
 *   <li>{@link #silu}: {@code x / (1 + exp(-x))} with that exponential;</li>
 *   <li>{@link #dot}: F32 dot products in llamafile {@code tinyBLAS}'s order (8-lane {@code fma} along the
 *       row, then {@code hsum}), which llama.cpp uses for F32 matrices against contiguous activations.</li>
 * </ul>
 * Tails shorter than 8 values use the scalar formulas ggml uses for them ({@code expf}).
 */
public final class GgmlMath {
    private static final VectorSpecies<Float> F8 = FloatVector.SPECIES_256;
    private static final VectorSpecies<Float> PREFERRED = FloatVector.SPECIES_PREFERRED;
    private static final float SHIFT = 0x1.8p23f;
    private static final int ONE_BITS = Float.floatToRawIntBits(1f);

    private GgmlMath() {
    }

    /** {@code ggml_v_expf} for one lane. */
    public static float exp(float x) {
        float z = Math.fma(x, 0x1.715476p+0f, SHIFT);
        float n = z - SHIFT;
        float b = Math.fma(-n, 0x1.7f7d1cp-20f, Math.fma(-n, 0x1.62e4p-1f, x));
        int e = Float.floatToRawIntBits(z) << 23;
        float k = Float.intBitsToFloat(e + ONE_BITS);
        float u = b * b;
        float j = Math.fma(Math.fma(Math.fma(0x1.0e4020p-7f, b, 0x1.573e2ep-5f), u,
                Math.fma(0x1.555e66p-3f, b, 0x1.fffdb6p-2f)), u, 0x1.ffffecp-1f * b);
        if (!(Math.abs(n) > 126)) {
            return Math.fma(j, k, k);
        }
        int g = n <= 0 ? 0x82000000 : 0;
        float s1 = Float.intBitsToFloat(g + 0x7f000000);
        float s2 = Float.intBitsToFloat(e - g);
        if (Math.abs(n) > 192) {
            return s1 * s1;
        }
        return Math.fma(s2, j, s2) * s1;
    }

    /** ggml's scalar {@code expf} (tails): the correctly rounded exponential. */
    static float expTail(float x) {
        return (float) Math.exp(x);
    }

    /** {@code ggml_v_silu} for one lane. */
    public static float silu(float x) {
        return x / (1f + exp(0f - x));
    }

    /** {@code ggml_silu_f32}, the scalar tail. */
    static float siluTail(float x) {
        return x / (1f + expTail(-x));
    }

    /** SiLU of {@code x[off..off+n)} in place, as {@code ggml_vec_silu_f32}. */
    public static void silu(float[] x, int off, int n) {
        int bound = n & ~7;
        for (int i = 0; i < bound; i++) {
            x[off + i] = silu(x[off + i]);
        }
        for (int i = bound; i < n; i++) {
            x[off + i] = siluTail(x[off + i]);
        }
    }

    /** The factor {@code 1 / sqrt(mean(x^2) + eps)} of {@code ggml_compute_forward_rms_norm_f32}. */
    public static float rmsScale(float[] x, int off, int n, float eps) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            float v = x[off + i];
            sum += v * v;
        }
        float mean = (float) (sum / n);
        return 1f / (float) Math.sqrt(mean + eps);
    }

    /** Softmax of {@code x[off..off+n)} in place, as {@code ggml_compute_forward_soft_max_f32} (scale 1, no mask). */
    public static void softmaxInPlace(float[] x, int off, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[off + i]);
        }
        double sum = 0;
        int bound = n & ~7;
        float[] lanes = new float[GgmlLanes.LANES];
        for (int i = 0; i < bound; i += 8) {
            for (int l = 0; l < 8; l++) {
                float v = exp(x[off + i + l] - max);
                x[off + i + l] = v;
                lanes[l] = v;
            }
            sum += GgmlLanes.hsum8(lanes);
        }
        for (int i = bound; i < n; i++) {
            float v = expTail(x[off + i] - max);
            x[off + i] = v;
            sum += v;
        }
        float inv = (float) (1.0 / sum);
        for (int i = 0; i < n; i++) {
            x[off + i] *= inv;
        }
    }

    /**
     * A dot product in tinyBLAS's order when {@code n} is a multiple of 8 (8 lanes of {@code fma}, then
     * {@code hsum}); otherwise in {@code ggml_vec_dot_f32}'s scalar order (float products summed in double).
     */
    public static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        if (n % GgmlLanes.LANES != 0) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += a[aOff + i] * b[bOff + i];
            }
            return (float) s;
        }
        float[] acc = new float[GgmlLanes.LANES];
        for (int i = 0; i < n; i += 8) {
            for (int l = 0; l < 8; l++) {
                acc[l] = Math.fma(a[aOff + i + l], b[bOff + i + l], acc[l]);
            }
        }
        return GgmlLanes.hsum8(acc);
    }

    /**
     * {@code ggml_vec_dot_f32} (AVX2): four 8-lane {@code fma} accumulators over steps of 32, reduced as
     * {@code GGML_F32_VEC_REDUCE} (pairs, then {@code hadd} twice), the tail in double. llama.cpp takes this
     * path for F32 products whose activations are not contiguous, e.g. the attention scores of a prompt.
     */
    public static float vecDotF32(float[] a, int aOff, float[] b, int bOff, int n) {
        int np = n & ~31;
        FloatVector s0 = FloatVector.zero(F8);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        for (int i = 0; i < np; i += 32) {
            s0 = FloatVector.fromArray(F8, a, aOff + i).fma(FloatVector.fromArray(F8, b, bOff + i), s0);
            s1 = FloatVector.fromArray(F8, a, aOff + i + 8).fma(FloatVector.fromArray(F8, b, bOff + i + 8), s1);
            s2 = FloatVector.fromArray(F8, a, aOff + i + 16).fma(FloatVector.fromArray(F8, b, bOff + i + 16), s2);
            s3 = FloatVector.fromArray(F8, a, aOff + i + 24).fma(FloatVector.fromArray(F8, b, bOff + i + 24), s3);
        }
        FloatVector x = s0.add(s2).add(s1.add(s3));
        float t0 = x.lane(0) + x.lane(4);
        float t1 = x.lane(1) + x.lane(5);
        float t2 = x.lane(2) + x.lane(6);
        float t3 = x.lane(3) + x.lane(7);
        double s = (t0 + t1) + (t2 + t3);
        for (int i = np; i < n; i++) {
            s += a[aOff + i] * b[bOff + i];
        }
        return (float) s;
    }

    /**
     * {@code lanes[p & 7][..] = fma(v[..], p, lanes[p & 7][..])}: one position's step of the attention's
     * weighted value sum in tinyBLAS's order (8 lanes along the positions); {@link #laneSums} finishes it.
     *
     * @param lanes 8 × n accumulators
     */
    public static void madd(float[] lanes, int position, float[] v, int vOff, float p, int n) {
        int base = (position & 7) * n;
        FloatVector pv = FloatVector.broadcast(PREFERRED, p);
        int d = 0;
        for (; d < PREFERRED.loopBound(n); d += PREFERRED.length()) {
            FloatVector.fromArray(PREFERRED, v, vOff + d).fma(pv, FloatVector.fromArray(PREFERRED, lanes, base + d))
                    .intoArray(lanes, base + d);
        }
        for (; d < n; d++) {
            lanes[base + d] = Math.fma(v[vOff + d], p, lanes[base + d]);
        }
    }

    /** {@code out[d] = hsum(lanes[0..8][d])}. */
    public static void laneSums(float[] lanes, int n, float[] out, int outOff) {
        for (int d = 0; d < n; d++) {
            float r0 = lanes[4 * n + d] + lanes[d];
            float r1 = lanes[5 * n + d] + lanes[n + d];
            float r2 = lanes[6 * n + d] + lanes[2 * n + d];
            float r3 = lanes[7 * n + d] + lanes[3 * n + d];
            out[outOff + d] = (r0 + r2) + (r1 + r3);
        }
    }
}
