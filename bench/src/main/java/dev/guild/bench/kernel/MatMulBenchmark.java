package dev.guild.bench.kernel;

import dev.guild.runtime.kernel.ActivationPath;
import dev.guild.runtime.kernel.KernelConfig;
import dev.guild.runtime.kernel.Kernels;
import dev.guild.runtime.kernel.MatMul;
import dev.guild.runtime.kernel.WeightMatrix;
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

import java.util.concurrent.TimeUnit;

/**
 * One expert matmul of a granite-3.1-1b-a400m-like layer per invocation, cycling through the 32 experts of
 * a stacked tensor so that weights come from memory, not from L1/L2. Time per matmul; weight bytes per
 * matmul are rows * rowBytes (e.g. Q8_0 up: 512 * 1088 B = 544 KiB).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MatMulBenchmark extends ExpertState {
    @Param({"Q8_0", "Q4_0", "Q5_0", "Q5_1", "Q4_K", "Q6_K", "F16", "BF16", "F32"})
    public String type;
    @Param({"1", "32"})
    public int batch;
    @Param({"up", "down"})
    public String shape;
    /** Threads including the caller; 0 = all available processors. */
    @Param({"0"})
    public int threads;
    @Param({"GGML"})
    public String activations;

    private MatMul matMul;
    private float[] x;
    private float[] y;

    @Setup(Level.Trial)
    public void setUp() {
        loadExperts(GgmlType.valueOf(type), shape);
        int t = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        matMul = Kernels.matMul(KernelConfig.defaults().withThreads(t).withActivations(ActivationPath.valueOf(activations)));
        x = ExpertShapes.activations(batch, ExpertShapes.cols(shape));
        y = new float[batch * ExpertShapes.rows(shape)];
    }

    @Benchmark
    public float matmul() {
        WeightMatrix w = nextExpert();
        matMul.matmul(w, x, batch, y);
        return y[0];
    }
}
