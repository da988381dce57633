package dev.guild.runtime.quant.internal;

/**
 * The float order of ggml-cpu's x86 (AVX2) {@code vec_dot} kernels, which the reference dots follow so that
 * they equal llama.cpp's bit for bit: the integer products of a block are summed exactly into 8 lanes, lane
 * {@code l} taking the elements whose index modulo 32 is in {@code [4l, 4l+4)} (what {@code maddubs} +
 * {@code madd} leave in a 32-bit lane); each block adds {@code fma(d, lane, acc[l])} to 8 float accumulators;
 * the result is {@code hsum_float_8(acc)}: {@code (a0+a4 + a2+a6) + (a1+a5 + a3+a7)}.
 */
public final class GgmlLanes {
    /** Lanes of the accumulator (one AVX2 register of floats). */
    public static final int LANES = 8;

    private GgmlLanes() {
    }

    /** The lane that element {@code i} of a row is summed into. */
    public static int lane(int i) {
        return (i & 31) >> 2;
    }

    /** ggml's {@code hsum_float_8}. */
    public static float hsum8(float[] a) {
        float r0 = a[4] + a[0];
        float r1 = a[5] + a[1];
        float r2 = a[6] + a[2];
        float r3 = a[7] + a[3];
        r0 = r0 + r2;
        r1 = r1 + r3;
        return r0 + r1;
    }

    /** {@code acc[l] = fma(d, lanes[l], acc[l])} for the 8 lanes (a block's scaled integer lane sums). */
    public static void accumulate(float[] acc, float d, int[] lanes) {
        for (int l = 0; l < LANES; l++) {
            acc[l] = Math.fma(d, (float) lanes[l], acc[l]);
        }
    }
}
