package dev.guild.bench;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * STREAM-style memory bandwidth harness: the triad {@code a[i] = b[i] + s * c[i]} over three float arrays
 * much larger than the caches, split over threads; reports the median over repetitions in GB/s
 * (10^9 bytes/s), counting 12 bytes per element as STREAM does (write-allocate traffic not counted).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.guild.bench.StreamBandwidth [MiB per array, default 256]
 * [threads, default all processors] [repetitions, default 10]}.
 */
public final class StreamBandwidth {
    private StreamBandwidth() {
    }

    public static void main(String[] args) throws InterruptedException {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        if (mib < 1 || threads < 1 || reps < 1) {
            throw new IllegalArgumentException("MiB per array, threads and repetitions must be positive, got %d %d %d"
                    .formatted(mib, threads, reps));
        }
        double[] gbs = measure(mib, threads, reps);
        System.out.printf("STREAM triad: %d MiB x 3 arrays, %d threads, %d reps: median %.1f GB/s (min %.1f, max %.1f)%n",
                mib, threads, reps, gbs[reps / 2], gbs[0], gbs[reps - 1]);
    }

    /**
     * Runs the triad {@code reps} times (after two warm-up runs) over three arrays of {@code mib} MiB each.
     *
     * @return GB/s of each repetition, sorted ascending (the median is {@code [reps / 2]})
     */
    public static double[] measure(int mib, int threads, int reps) throws InterruptedException {
        int n = mib * (1 << 20) / 4;
        float[] a = new float[n];
        float[] b = new float[n];
        float[] c = new float[n];
        Arrays.fill(b, 1f);
        Arrays.fill(c, 2f);
        double[] gbs = new double[reps];
        for (int rep = -2; rep < reps; rep++) {
            long t0 = System.nanoTime();
            runTriad(a, b, c, 3f, threads);
            long ns = System.nanoTime() - t0;
            if (rep >= 0) {
                gbs[rep] = 12.0 * n / ns;
            }
        }
        if (a[n / 2] != 7f) {
            throw new IllegalStateException("triad produced " + a[n / 2] + " instead of 7");
        }
        Arrays.sort(gbs);
        return gbs;
    }

    private static void runTriad(float[] a, float[] b, float[] c, float s, int threads) throws InterruptedException {
        int n = a.length;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int from = (int) ((long) n * t / threads);
            int to = (int) ((long) n * (t + 1) / threads);
            Thread.ofPlatform().start(() -> {
                for (int i = from; i < to; i++) {
                    a[i] = b[i] + s * c[i];
                }
                done.countDown();
            });
        }
        done.await();
    }
}
