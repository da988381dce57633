package dev.guild.bench.kernel;

import dev.guild.runtime.kernel.WeightMatrix;
import dev.guild.runtime.quant.Quantization;
import dev.guild.runtime.tensor.GgmlType;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;

/**
 * granite-3.1-1b-a400m expert shapes: hidden 1024, expert FFN 512, 32 experts. "up" is ffn_up/gate_exps
 * (512 rows x 1024 cols per expert), "down" is ffn_down_exps (1024 rows x 512 cols).
 */
final class ExpertShapes {
    static final int HIDDEN = 1024;
    static final int FFN = 512;
    static final int EXPERTS = 32;

    private ExpertShapes() {
    }

    static int rows(String shape) {
        return shape.equals("up") ? FFN : HIDDEN;
    }

    static int cols(String shape) {
        return shape.equals("up") ? HIDDEN : FFN;
    }

    /** All experts of one stacked tensor, quantized from seeded Gaussian weights, in native memory. */
    static WeightMatrix[] experts(GgmlType type, String shape, Arena arena) {
        int rows = rows(shape);
        int cols = cols(shape);
        SplittableRandom r = new SplittableRandom(42);
        float[] w = new float[rows * cols];
        long per = rows * type.bytesFor(cols);
        MemorySegment stacked = arena.allocate(per * EXPERTS, 64);
        for (int e = 0; e < EXPERTS; e++) {
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) ((r.nextDouble() - 0.5) * 0.1);
            }
            MemorySegment.copy(Quantization.quantize(type, w), 0, stacked, ValueLayout.JAVA_BYTE, per * e, (int) per);
        }
        WeightMatrix[] out = new WeightMatrix[EXPERTS];
        for (int e = 0; e < EXPERTS; e++) {
            out[e] = WeightMatrix.expert(type, rows, cols, EXPERTS, stacked, e);
        }
        return out;
    }

    static float[] activations(int batch, int cols) {
        SplittableRandom r = new SplittableRandom(7);
        float[] x = new float[batch * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }
}
