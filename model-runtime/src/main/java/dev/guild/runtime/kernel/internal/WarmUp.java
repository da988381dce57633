package dev.guild.runtime.kernel.internal;

import dev.guild.runtime.kernel.MatMul;
import dev.guild.runtime.kernel.WeightMatrix;
import dev.guild.runtime.quant.Quantization;
import dev.guild.runtime.tensor.GgmlType;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/** Compiles the vector kernels ahead of the first request by running them on small seeded matrices. */
public final class WarmUp {
    private static final int ROWS = 64;
    private static final int COLS = 1024;
    private static final int ROUNDS = 300;
    private static final Set<String> DONE = ConcurrentHashMap.newKeySet();

    private WarmUp() {
    }

    public static Set<GgmlType> run(MatMul mm, int threads, Collection<GgmlType> types, long budgetMillis) {
        Set<GgmlType> warmed = EnumSet.noneOf(GgmlType.class);
        for (GgmlType type : types) {
            if (!type.supported() || !DONE.add(type + "/" + threads)) {
                continue;
            }
            SplittableRandom r = new SplittableRandom(type.id());
            float[] w = new float[ROWS * COLS];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) r.nextGaussian();
            }
            float[] x = new float[8 * COLS];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) r.nextGaussian();
            }
            float[] y = new float[8 * ROWS];
            // off-heap like a mapped file, so that C2 profiles the same segment kind
            MemorySegment data = Arena.ofAuto().allocateFrom(ValueLayout.JAVA_BYTE, Quantization.quantize(type, w));
            WeightMatrix m = new WeightMatrix(type, ROWS, COLS, data);
            long end = System.nanoTime() + budgetMillis * 1_000_000L;
            for (int i = 0; i < ROUNDS && System.nanoTime() < end; i++) {
                mm.matmul(m, x, 0, 1, y, 0);
                if (i % 4 == 0) {
                    mm.matmul(m, x, 0, 8, y, 0);
                }
            }
            warmed.add(type);
        }
        return warmed;
    }
}
