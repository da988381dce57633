package dev.guild.runtime.kernel;

import dev.guild.runtime.quant.Quantization;
import dev.guild.runtime.tensor.GgmlType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vector matmul against the scalar reference for every weight type and activation path, seeded, with odd
 * shapes (rows not a multiple of the threads or of the 4-row kernel, batch 1/3/17/50/70 across the 64-token tile, 3 threads (units of 4 rows) or 1 (one unit of all rows)).
 *
 * <p>Tolerance, per output, as a fraction of {@code sum |w_i * x_i|} over the dequantized operands:
 * 1e-5 for every type on both paths (the vector kernel sums the same products in float in another order);
 * 1e-3 for Q5_1 on the GGML path, where ggml adds {@code m * fp16(d * sum q)} and the vector kernel adds
 * the unrounded {@code m * d * sum q} (the binary16 rounding of that sum is 2^-11 relative).
 */
class MatMulDifferentialTest {
    private static final int ROWS = 45;

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (GgmlType t : List.of(GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0, GgmlType.Q4_0,
                GgmlType.Q5_0, GgmlType.Q5_1, GgmlType.Q4_K, GgmlType.Q6_K)) {
            for (ActivationPath p : ActivationPath.values()) {
                all.add(Arguments.of(t, p));
            }
        }
        return all.stream();
    }

    static int colsFor(GgmlType t) {
        return switch (t.blockSize()) {
            case 1 -> 333;       // not a multiple of the vector length: exercises the scalar tail
            case 32 -> 32 * 11;
            default -> 256 * 3;
        };
    }

    @ParameterizedTest(name = "{0} x {1}")
    @MethodSource("cases")
    void vector_matches_reference(GgmlType type, ActivationPath path) {
        SplittableRandom r = new SplittableRandom(type.ordinal() * 31L + path.ordinal());
        int cols = colsFor(type);
        float[] wv = new float[ROWS * cols];
        for (int i = 0; i < wv.length; i++) {
            wv[i] = (float) (gaussian(r) * 0.1 + (i % 7 == 0 ? 0.05 : 0));
        }
        WeightMatrix w = new WeightMatrix(type, ROWS, cols, MemorySegment.ofArray(Quantization.quantize(type, wv)));
        float[] wd = Quantization.dequantize(type, w.data(), ROWS * cols);
        double tol = type == GgmlType.Q5_1 && path == ActivationPath.GGML ? 1e-3 : 1e-5;
        KernelConfig base = new KernelConfig(KernelConfig.Implementation.REFERENCE, 1, path);
        MatMul ref = Kernels.matMul(base);
        // 3 threads: work units of 4 rows; 1 thread: one unit of all rows (several 4-row groups per unit)
        MatMul vec3 = Kernels.matMul(base.withImplementation(KernelConfig.Implementation.VECTOR).withThreads(3));
        MatMul vec1 = Kernels.matMul(base.withImplementation(KernelConfig.Implementation.VECTOR).withThreads(1));
        for (int batch : new int[]{1, 3, 17, 50, 70}) {
            MatMul vec = batch % 2 == 0 ? vec1 : vec3;
            int xOff = 5;
            float[] x = new float[xOff + batch * cols];
            for (int i = xOff; i < x.length; i++) {
                x[i] = (float) gaussian(r);
            }
            float[] expected = new float[batch * ROWS];
            float[] actual = new float[2 + batch * ROWS];
            ref.matmul(w, x, xOff, batch, expected, 0);
            vec.matmul(w, x, xOff, batch, actual, 2);
            for (int t = 0; t < batch; t++) {
                for (int row = 0; row < ROWS; row++) {
                    double mag = 0;
                    for (int i = 0; i < cols; i++) {
                        mag += Math.abs((double) wd[row * cols + i] * x[xOff + t * cols + i]);
                    }
                    assertThat((double) actual[2 + t * ROWS + row])
                            .as("%s %s batch %d token %d row %d", type, path, batch, t, row)
                            .isCloseTo(expected[t * ROWS + row], org.assertj.core.data.Offset.offset(tol * mag + 1e-30));
                }
            }
        }
    }

    static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(r.nextDouble(1e-300, 1.0))) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
