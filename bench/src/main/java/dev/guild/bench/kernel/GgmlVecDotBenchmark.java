package dev.guild.bench.kernel;

import dev.guild.runtime.kernel.KernelConfig;
import dev.guild.runtime.kernel.Kernels;
import dev.guild.runtime.kernel.MatMul;
import dev.guild.runtime.kernel.WeightMatrix;
import dev.guild.runtime.quant.GgmlNative;
import dev.guild.runtime.quant.Quantization;
import dev.guild.runtime.tensor.GgmlType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.TimeUnit;

/**
 * Single-threaded kernel speed side by side: llama.cpp b4916's own ggml_vec_dot (from the de.kherud:llama
 * native library, called once per row and token through FFM, activations quantized once as ggml-cpu
 * does) against Guild's vector matmul with one thread, on the same expert weights ("up" shape, 512 x 1024).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GgmlVecDotBenchmark extends ExpertState {
    @Param({"Q8_0", "Q4_0", "Q4_K", "Q6_K"})
    public String type;
    @Param({"1", "32"})
    public int batch;

    private MatMul guild;
    private MethodHandle vecDot;
    private MemorySegment act;
    private MemorySegment out;
    private long actRowBytes;
    private float[] x;
    private float[] y;

    @Setup(Level.Trial)
    public void setUp() {
        GgmlType t = GgmlType.valueOf(type);
        loadExperts(t, "up");
        Arena arena = arena();
        guild = Kernels.matMul(KernelConfig.defaults().withThreads(1));
        x = ExpertShapes.activations(batch, ExpertShapes.HIDDEN);
        y = new float[batch * ExpertShapes.FFN];
        GgmlType at = Quantization.activationType(t);
        actRowBytes = at.bytesFor(ExpertShapes.HIDDEN);
        act = arena.allocate(actRowBytes * batch, 64);
        for (int b = 0; b < batch; b++) {
            float[] row = java.util.Arrays.copyOfRange(x, b * ExpertShapes.HIDDEN, (b + 1) * ExpertShapes.HIDDEN);
            MemorySegment.copy(GgmlNative.quantizeActivations(at, row), 0, act, ValueLayout.JAVA_BYTE, actRowBytes * b, (int) actRowBytes);
        }
        out = arena.allocate(4L * batch * ExpertShapes.FFN, 64);
        vecDot = GgmlNative.vecDotHandle(t, at);
    }

    @Benchmark
    public float guildOneThread() {
        WeightMatrix w = nextExpert();
        guild.matmul(w, x, batch, y);
        return y[0];
    }

    @Benchmark
    public float ggmlVecDotOneThread() throws Throwable {
        WeightMatrix w = nextExpert();
        long rowBytes = w.rowBytes();
        MemorySegment data = w.data();
        for (int t = 0; t < batch; t++) {
            MemorySegment a = act.asSlice(actRowBytes * t, actRowBytes);
            for (int r = 0; r < w.rows(); r++) {
                vecDot.invokeExact(w.cols(), out.asSlice(4L * (t * w.rows() + r), 4), 0L,
                        data.asSlice(r * rowBytes, rowBytes), 0L, a, 0L, 1);
            }
        }
        return out.get(ValueLayout.JAVA_FLOAT, 0);
    }
}
