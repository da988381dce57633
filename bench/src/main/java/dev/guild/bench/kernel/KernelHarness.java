package dev.guild.bench.kernel;

import dev.guild.runtime.kernel.KernelConfig;
import dev.guild.runtime.kernel.Kernels;
import dev.guild.runtime.kernel.MatMul;
import dev.guild.runtime.kernel.WeightMatrix;
import dev.guild.runtime.quant.GgmlNative;
import dev.guild.runtime.quant.Quantization;
import dev.guild.runtime.tensor.GgmlType;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;
import java.util.List;

/**
 * Side-by-side kernel harness for noisy shared machines: for each weight type, the granite expert "up"
 * matmul (512 x 1024, cycling through 32 experts) timed many times, reporting the best and the median.
 * Columns: llama.cpp b4916's ggml_vec_dot on one thread (activations pre-quantized as ggml-cpu does), Guild
 * on one thread, Guild on all threads; batch 1 (decode) and 32 (prefill slice) unless batches are given (an expert
 * of a 512-token prefill sees about 128 tokens).
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp benchmarks.jar
 * dev.guild.bench.kernel.KernelHarness [repetitions, default 2000] [types, default Q8_0,Q4_0,Q4_K,Q6_K]
 * [batches, default 1,32]}.
 */
public final class KernelHarness {
    private KernelHarness() {
    }

    public static void main(String[] args) throws Throwable {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        List<String> types = List.of((args.length > 1 ? args[1] : "Q8_0,Q4_0,Q4_K,Q6_K").split(","));
        int[] batches = Arrays.stream((args.length > 2 ? args[2] : "1,32").split(",")).mapToInt(Integer::parseInt).toArray();
        int all = Runtime.getRuntime().availableProcessors();
        System.out.printf("granite expert up 512x1024, 32 experts cycled, %d reps, best / median us per matmul%n", reps);
        System.out.printf("%-5s %5s | %-17s | %-17s | %-17s%n", "type", "batch", "ggml 1 thread", "guild 1 thread", "guild " + all + " threads");
        for (String name : types) {
            GgmlType type = GgmlType.valueOf(name);
            for (int batch : batches) {
                try (Arena arena = Arena.ofShared()) {
                    WeightMatrix[] experts = ExpertShapes.experts(type, "up", arena);
                    float[] x = ExpertShapes.activations(batch, ExpertShapes.HIDDEN);
                    String one = fmt(guild(experts, x, batch, 1, reps));
                    String many = fmt(guild(experts, x, batch, all, reps));
                    String ggml = fmt(ggml(type, experts, x, batch, arena, reps));
                    System.out.printf("%-5s %5d | %-17s | %-17s | %-17s%n", name, batch, ggml, one, many);
                }
            }
        }
    }

    private static String fmt(long[] t) {
        return "%7.1f / %7.1f".formatted(t[0] / 1e3, t[1] / 1e3);
    }

    private static long[] guild(WeightMatrix[] experts, float[] x, int batch, int threads, int reps) {
        MatMul mm = Kernels.matMul(KernelConfig.defaults().withThreads(threads));
        float[] y = new float[batch * ExpertShapes.FFN];
        return time(reps, i -> mm.matmul(experts[i % experts.length], x, batch, y));
    }

    private static long[] ggml(GgmlType type, WeightMatrix[] experts, float[] x, int batch, Arena arena, int reps) throws Throwable {
        GgmlType at = Quantization.activationType(type);
        long arb = at.bytesFor(ExpertShapes.HIDDEN);
        MemorySegment act = arena.allocate(arb * batch, 64);
        for (int b = 0; b < batch; b++) {
            byte[] q = GgmlNative.quantizeActivations(at, Arrays.copyOfRange(x, b * ExpertShapes.HIDDEN, (b + 1) * ExpertShapes.HIDDEN));
            MemorySegment.copy(q, 0, act, ValueLayout.JAVA_BYTE, arb * b, (int) arb);
        }
        MemorySegment out = arena.allocate(4L * batch * ExpertShapes.FFN, 64);
        MethodHandle h = GgmlNative.vecDotHandle(type, at);
        return time(reps, i -> {
            WeightMatrix w = experts[i % experts.length];
            long rb = w.rowBytes();
            for (int t = 0; t < batch; t++) {
                MemorySegment a = act.asSlice(arb * t, arb);
                for (int r = 0; r < w.rows(); r++) {
                    try {
                        h.invokeExact(w.cols(), out.asSlice(4L * (t * w.rows() + r), 4), 0L, w.data().asSlice(r * rb, rb), 0L, a, 0L, 1);
                    } catch (Throwable e) {
                        throw new IllegalStateException("ggml_vec_dot failed", e);
                    }
                }
            }
        });
    }

    /**
     * Best and median nanoseconds of {@code reps} runs after a warm-up of at least {@code reps / 4} runs and
     * 3 seconds (C2 needs time for the vector kernels, more on a loaded machine).
     */
    private static long[] time(int reps, java.util.function.IntConsumer op) {
        long warmEnd = System.nanoTime() + 3_000_000_000L;
        for (int i = 0; i < reps / 4 || System.nanoTime() < warmEnd; i++) {
            op.accept(i);
        }
        long[] t = new long[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            op.accept(i);
            t[i] = System.nanoTime() - t0;
        }
        Arrays.sort(t);
        return new long[]{t[0], t[reps / 2]};
    }
}
