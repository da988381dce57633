package dev.guild.runtime.model.internal;

/** Scalar elementwise operations with ggml's order of operations (sums of squares and exps in double). */
public final class Ops {

    private Ops() {
    }

    /** RMSNorm of {@code n} rows of width {@code width} in place: x * 1/sqrt(mean(x²)+eps) * w. */
    public static void rmsNorm(float[] x, int n, int width, float[] weight, float eps) {
        for (int t = 0; t < n; t++) {
            rmsNormRow(x, t * width, width, weight, eps);
        }
    }

    /** RMSNorm of one row {@code x[off..off+width)} in place. */
    public static void rmsNormRow(float[] x, int off, int width, float[] weight, float eps) {
        double sum = 0;
        for (int i = 0; i < width; i++) {
            float v = x[off + i];
            sum += v * v;
        }
        float mean = (float) (sum / width);
        float scale = (float) (1.0 / Math.sqrt(mean + eps));
        for (int i = 0; i < width; i++) {
            x[off + i] = (x[off + i] * scale) * weight[i];
        }
    }

    public static float silu(float x) {
        return x / (1.0f + (float) Math.exp(-x));
    }

    public static float sigmoid(float x) {
        return 1.0f / (1.0f + (float) Math.exp(-x));
    }

    /** Softmax in place over {@code x[off..off+n)}. */
    public static void softmax(float[] x, int off, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[off + i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            float e = (float) Math.exp(x[off + i] - max);
            x[off + i] = e;
            sum += e;
        }
        float inv = (float) (1.0 / sum);
        for (int i = 0; i < n; i++) {
            x[off + i] *= inv;
        }
    }

    /** {@code h[i] = silu(gate[i]) * up[i]} for i < n, written into gate. */
    public static void swiglu(float[] gate, float[] up, int n) {
        for (int i = 0; i < n; i++) {
            gate[i] = silu(gate[i]) * up[i];
        }
    }

    /** Adds {@code bias} to each of {@code n} rows of x. */
    public static void addBias(float[] x, int n, float[] bias) {
        int w = bias.length;
        for (int t = 0; t < n; t++) {
            for (int i = 0; i < w; i++) {
                x[t * w + i] += bias[i];
            }
        }
    }

    public static void scale(float[] x, int length, float s) {
        for (int i = 0; i < length; i++) {
            x[i] *= s;
        }
    }

    /** {@code x += y} over the first length elements. */
    public static void add(float[] x, float[] y, int length) {
        for (int i = 0; i < length; i++) {
            x[i] += y[i];
        }
    }
}
