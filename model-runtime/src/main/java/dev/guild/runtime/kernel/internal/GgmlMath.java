package dev.guild.runtime.kernel.internal;

import dev.guild.runtime.quant.internal.GgmlLanes;

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
}
