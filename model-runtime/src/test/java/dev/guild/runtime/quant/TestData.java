package dev.guild.runtime.quant;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded rows for quantization tests, including the awkward cases (zeros, constants, outliers, tiny values). */
final class TestData {
    private TestData() {
    }

    static float[] gaussian(SplittableRandom r, int n, float sigma) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (nextGaussian(r) * sigma);
        }
        return x;
    }

    static double nextGaussian(SplittableRandom r) {
        double u = r.nextDouble(1e-300, 1.0);
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** Named rows of {@code n} values (n a multiple of 256). */
    static List<float[]> rows(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        List<float[]> rows = new ArrayList<>();
        rows.add(gaussian(r, n, 1f));
        rows.add(gaussian(r, n, 0.02f));
        rows.add(gaussian(r, n, 37f));
        float[] skewed = gaussian(r, n, 1f);
        for (int i = 0; i < n; i++) {
            skewed[i] = Math.abs(skewed[i]) + 0.5f;
        }
        rows.add(skewed);
        float[] mixed = gaussian(r, n, 1f);
        for (int i = 0; i < 32; i++) {
            mixed[i] = 0f;
        }
        for (int i = 32; i < 64; i++) {
            mixed[i] = 0.75f;
        }
        mixed[100] = 250f;
        for (int i = 256; i < 288; i++) {
            mixed[i] = 1e-6f * (i - 270);
        }
        rows.add(mixed);
        rows.add(new float[n]);
        float[] uniform = new float[n];
        for (int i = 0; i < n; i++) {
            uniform[i] = (float) r.nextDouble(-3, 1);
        }
        rows.add(uniform);
        return rows;
    }
}
