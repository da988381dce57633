package dev.guild.runtime.kernel.internal;

import dev.guild.runtime.quant.internal.GgmlLanes;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
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
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ScratchFloats ROW = new ScratchFloats();
    private static final VectorSpecies<Float> F8 = FloatVector.SPECIES_256;
    private static final jdk.incubator.vector.VectorShuffle<Float> UPPER_HALF =
            jdk.incubator.vector.VectorShuffle.fromOp(F8, i -> (i + 4) & 7);
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

    /** Softmax's scalar tail: {@code x[i] = expf(x[i] - max)} in place; returns their sum in double. */
    static double expTail(float[] x, int off, int n, float max) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            float v = expTail(x[off + i] - max);
            x[off + i] = v;
            sum += v;
        }
        return sum;
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
        sum += expTail(x, off + bound, n - bound, max);
        float inv = (float) (1.0 / sum);
        for (int i = 0; i < n; i++) {
            x[off + i] *= inv;
        }
    }

    /**
     * Whether llama.cpp (x86 AVX2 build) multiplies an F32 matrix of {@code rows} × {@code k} by {@code n}
     * contiguous F32 columns with llamafile's tinyBLAS ({@link #tinyBlasDot} order): only for two or more columns,
     * rows a multiple of 4 and {@code k} a multiple of 8; otherwise with {@code ggml_vec_dot_f32}
     * ({@link #vecDotF32}), as for every single-token decode step.
     */
    public static boolean tinyBlas(int rows, int k, int n) {
        return n >= 2 && rows % 4 == 0 && k % 8 == 0;
    }

    /** A dot product in tinyBLAS's order (8 lanes of {@code fma}, then {@code hsum}); {@code n} a multiple of 8. */
    public static float tinyBlasDot(float[] a, int aOff, float[] b, int bOff, int n) {
        if (n % GgmlLanes.LANES != 0) {
            throw new IllegalArgumentException("tinyBLAS takes rows of a multiple of 8 values, got " + n);
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
     * {@code GGML_F32_VEC_REDUCE} (pairs, then {@code hadd} twice), the tail by float {@code fma}. llama.cpp takes this
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
        float s = reduce(s0, s1, s2, s3);
        for (int i = np; i < n; i++) {
            s = Math.fma(a[aOff + i], b[bOff + i], s); // float sumf += x*y, contracted by gcc
        }
        return s;
    }

    /** {@link #vecDotF32} of a little-endian F32 weight row in memory with {@code b} (copied to a scratch row). */
    public static float vecDotF32(MemorySegment w, long off, float[] b, int bOff, int n) {
        float[] row = ROW.get(n);
        MemorySegment.copy(w, ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(LE), off, row, 0, n);
        return vecDotF32(row, 0, b, bOff, n);
    }

    /** {@code GGML_F32_VEC_REDUCE} of four 8-lane accumulators. */
    private static float reduce(FloatVector s0, FloatVector s1, FloatVector s2, FloatVector s3) {
        FloatVector x = s0.add(s2).add(s1.add(s3));
        // lanes i and i + 4 added, as one 128-bit half onto the other
        FloatVector t = x.add(x.rearrange(UPPER_HALF));
        return (t.lane(0) + t.lane(1)) + (t.lane(2) + t.lane(3));
    }

    /** Accumulator slots of the weighted value sum: 8 lanes (tinyBLAS) or 4 × 8 lanes (vec_dot_f32). */
    public static int slots(boolean tinyBlas) {
        return tinyBlas ? 8 : 32;
    }

    /**
     * One position's step of the attention's weighted value sum {@code V·p} along the positions, in llama.cpp's
     * order: position {@code position} goes to lane {@code position % 8} (tinyBLAS) or to accumulator
     * {@code position % 32 / 8}, lane {@code position % 8} (vec_dot_f32), as {@code fma(v, p, acc)};
     * {@link #finish} reduces them. Positions llama.cpp pads its cache with hold probability 0 and add nothing.
     *
     * @param lanes {@link #slots} × n accumulators
     */
    public static void madd(float[] lanes, boolean tinyBlas, int position, float[] v, int vOff, float p, int n) {
        int base = (position & (slots(tinyBlas) - 1)) * n;
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

    /** {@code out[d]}: the accumulators of {@link #madd} reduced as tinyBLAS's {@code hsum} or vec_dot_f32's reduce. */
    public static void finish(float[] lanes, boolean tinyBlas, int n, float[] out, int outOff) {
        float[] x = new float[GgmlLanes.LANES];
        for (int d = 0; d < n; d++) {
            for (int l = 0; l < 8; l++) {
                x[l] = tinyBlas ? lanes[l * n + d]
                        : (lanes[l * n + d] + lanes[(16 + l) * n + d]) + (lanes[(8 + l) * n + d] + lanes[(24 + l) * n + d]);
            }
            out[outOff + d] = tinyBlas ? GgmlLanes.hsum8(x) : ((x[0] + x[4]) + (x[1] + x[5])) + ((x[2] + x[6]) + (x[3] + x[7]));
        }
    }
}
