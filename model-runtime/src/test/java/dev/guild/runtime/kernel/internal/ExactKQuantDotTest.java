package dev.guild.runtime.kernel.internal;

import dev.guild.runtime.kernel.ActivationPath;
import dev.guild.runtime.kernel.KernelConfig;
import dev.guild.runtime.kernel.Kernels;
import dev.guild.runtime.kernel.MatMul;
import dev.guild.runtime.kernel.WeightMatrix;
import dev.guild.runtime.quant.Quantization;
import dev.guild.runtime.tensor.GgmlType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vector K-quant x Q8_K dot of the decode path ({@link FusedDot#dotQ4_KQ8_K}; Q6_K has no exact kernel yet)
 * equals the reference dot, which follows llama.cpp's AVX2 {@code vec_dot_q4_K_q8_K}, bit for bit: seeded weights
 * and activations, with large activations so that Q8_K quants reach -128..127, at batch 1 to 3 over several
 * super-blocks.
 */
class ExactKQuantDotTest {

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q4_K"})
    void vector_k_quant_decode_dot_equals_the_reference_bit_for_bit(GgmlType type) {
        Assumptions.assumeTrue(FusedDot.EXACT_K, "the exact kernels need 16 float lanes (AVX-512)");
        SplittableRandom r = new SplittableRandom(42);
        int rows = 37;
        int cols = 256 * 5;
        float[] wv = new float[rows * cols];
        for (int i = 0; i < wv.length; i++) {
            wv[i] = (float) ((r.nextDouble() - 0.3) * (1 + i % 13));
        }
        WeightMatrix w = new WeightMatrix(type, rows, cols, MemorySegment.ofArray(Quantization.quantize(type, wv)));
        KernelConfig base = new KernelConfig(KernelConfig.Implementation.REFERENCE, 1, ActivationPath.GGML);
        MatMul ref = Kernels.matMul(base);
        MatMul vec = Kernels.matMul(base.withImplementation(KernelConfig.Implementation.VECTOR).withThreads(2));
        for (int batch = 1; batch <= 3; batch++) {
            float[] x = new float[batch * cols];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) ((r.nextDouble() * 2 - 1) * (i % 97 == 0 ? 40 : 3));
            }
            float[] expected = new float[batch * rows];
            float[] actual = new float[batch * rows];
            ref.matmul(w, x, 0, batch, expected, 0);
            vec.matmul(w, x, 0, batch, actual, 0);
            for (int i = 0; i < expected.length; i++) {
                assertThat(Float.floatToRawIntBits(actual[i]))
                        .as("%s batch %d output %d: %s vs reference %s", type, batch, i, actual[i], expected[i])
                        .isEqualTo(Float.floatToRawIntBits(expected[i]));
            }
        }
    }
}
