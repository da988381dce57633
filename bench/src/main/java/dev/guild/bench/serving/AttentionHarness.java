package dev.guild.bench.serving;

import static dev.guild.bench.serving.ServingWorkload.median;

import dev.guild.runtime.kernel.KernelConfig;
import dev.guild.runtime.kv.BlockPool;
import dev.guild.runtime.kv.PagedKvCache;
import dev.guild.runtime.model.Batch;
import dev.guild.runtime.model.KvShape;
import dev.guild.runtime.model.internal.CausalAttention;
import dev.guild.runtime.model.internal.Compute;
import dev.guild.runtime.model.internal.Step;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Attention alone, on the serving model's shape (8 query / 4 key-value heads of 64, paged cache in blocks of
 * 16): one layer of a 256-token prefill chunk after {@code --cached} positions (the agent replay's long
 * prompts), and one layer of a decode step of 16 sequences. Compares the row-at-a-time reference
 * ({@link CausalAttention#computeReference}) with the blocked {@link CausalAttention#compute} on one thread
 * by the calling thread's CPU time (little affected by other jobs on a shared machine), and the blocked
 * one on all threads by wall time. Not a test; prints a table.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.guild.bench.serving.AttentionHarness
 *     [--cached 4000] [--reps 5] [--threads N]</pre>
 */
public final class AttentionHarness {

    private static final int HEADS = 8;
    private static final int KV_HEADS = 4;
    private static final int DIM = 64;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private AttentionHarness() {
    }

    public static void main(String[] args) {
        int cached = 4000;
        int reps = 5;
        int threads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cached" -> cached = Integer.parseInt(args[++i]);
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option '" + args[i]
                        + "'; use --cached N, --reps N or --threads N");
            }
        }
        System.out.printf("load average at start: %s; %d cached positions, %d threads, %d repetitions (medians)%n",
                ServingWorkload.loadAverage(), cached, threads, reps);
        List<String> report = new ArrayList<>();
        report.add("| step | reference, 1 thread, CPU ms | blocked, 1 thread, CPU ms | speed-up | blocked, %d threads, wall ms |"
                .formatted(threads));
        report.add("|---|---|---|---|---|");
        report.add(row("prefill chunk of 256 after %,d".formatted(cached), step(new int[][] {{cached, 256}}), reps, threads));
        int[][] decode = new int[16][];
        for (int s = 0; s < decode.length; s++) {
            decode[s] = new int[] {cached / 16 * (s + 1), 1};
        }
        report.add(row("decode of 16 sequences at %,d-%,d".formatted(decode[0][0], decode[15][0]), step(decode), reps,
                threads));
        System.out.printf("load average at end: %s%n", ServingWorkload.loadAverage());
        report.forEach(System.out::println);
    }

    private static String row(String label, Step step, int reps, int threads) {
        Compute one = Compute.of(KernelConfig.defaults().withThreads(1));
        Compute all = Compute.of(KernelConfig.defaults().withThreads(threads));
        float[] q = randoms(new SplittableRandom(3), step.tokens * HEADS * DIM);
        float[] out = new float[step.tokens * HEADS * DIM];
        double[] ref = new double[reps];
        double[] blocked = new double[reps];
        double[] wall = new double[reps];
        for (int warm = 0; warm < 2; warm++) {
            CausalAttention.computeReference(one.ops(), step, 0, q, HEADS, KV_HEADS, DIM, DIM, 0.125f, out);
            CausalAttention.compute(one, step, 0, q, HEADS, KV_HEADS, DIM, DIM, 0.125f, out);
            CausalAttention.compute(all, step, 0, q, HEADS, KV_HEADS, DIM, DIM, 0.125f, out);
        }
        for (int r = 0; r < reps; r++) {
            long c = CPU.getCurrentThreadCpuTime();
            CausalAttention.computeReference(one.ops(), step, 0, q, HEADS, KV_HEADS, DIM, DIM, 0.125f, out);
            ref[r] = (CPU.getCurrentThreadCpuTime() - c) / 1e6;
            c = CPU.getCurrentThreadCpuTime();
            CausalAttention.compute(one, step, 0, q, HEADS, KV_HEADS, DIM, DIM, 0.125f, out);
            blocked[r] = (CPU.getCurrentThreadCpuTime() - c) / 1e6;
            long w = System.nanoTime();
            CausalAttention.compute(all, step, 0, q, HEADS, KV_HEADS, DIM, DIM, 0.125f, out);
            wall[r] = (System.nanoTime() - w) / 1e6;
            System.out.printf("%s: reference %.1f, blocked %.1f CPU ms, blocked on %d threads %.1f ms%n", label, ref[r],
                    blocked[r], threads, wall[r]);
        }
        return "| %s | %.1f | %.1f | %.1fx | %.1f |".formatted(label, median(ref), median(blocked),
                median(ref) / median(blocked), median(wall));
    }

    /** A step of one entry per {@code {cached, new}} pair on paged caches filled with seeded random rows. */
    private static Step step(int[][] sequences) {
        KvShape shape = new KvShape(1, KV_HEADS * DIM, KV_HEADS * DIM);
        int positions = 0;
        for (int[] s : sequences) {
            positions += s[0] + s[1];
        }
        BlockPool pool = new BlockPool(shape, 16, positions / 16 + 2 * sequences.length, false);
        SplittableRandom random = new SplittableRandom(7);
        List<Batch.Entry> entries = new ArrayList<>();
        for (int[] s : sequences) {
            int capacity = s[0] + s[1];
            PagedKvCache cache = pool.open(new int[] {0}, capacity).orElseThrow(
                    () -> new IllegalStateException("the harness' block pool is too small for " + capacity));
            for (int p = 0; p < capacity; p++) {
                cache.put(0, p, randoms(random, shape.keyWidth()), 0, randoms(random, shape.valueWidth()), 0);
            }
            cache.advance(s[0]);
            entries.add(new Batch.Entry(cache, new int[s[1]], false));
        }
        return new Step(new Batch(entries));
    }

    private static float[] randoms(SplittableRandom random, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }
}
