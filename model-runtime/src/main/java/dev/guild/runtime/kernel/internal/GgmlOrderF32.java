package dev.guild.runtime.kernel.internal;

import dev.guild.runtime.kernel.WeightMatrix;
import dev.guild.runtime.quant.internal.GgmlLanes;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * F32 x F32 matmul in the float order of llama.cpp's x86 AVX2 build: llamafile's {@code tinyBLAS} with 8-lane
 * {@code __m256} accumulators where llama.cpp takes it ({@link GgmlMath#tinyBlas}: two or more tokens, rows a
 * multiple of 4), each output accumulating {@code fma(w[k..k+8], x[k..k+8], acc)} over the row in order, then
 * {@code hsum} ({@link GgmlLanes#hsum8}); otherwise (a single decode token) {@code ggml_vec_dot_f32}'s order
 * ({@link GgmlMath#vecDotF32}). Used on the GGML activation path for F32 weights whose rows
 * are a multiple of 8 (routers, small models), so that router logits, and with them expert choices at near-ties,
 * are llama.cpp's.
 */
final class GgmlOrderF32 implements WorkerPool.Job {
    private static final VectorSpecies<Float> F8 = FloatVector.SPECIES_256;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ThreadLocal<float[]> LANES = ThreadLocal.withInitial(() -> new float[GgmlLanes.LANES]);

    private final WeightMatrix w;
    private final float[] x;
    private final int xo;
    private final int batch;
    private final float[] y;
    private final int yo;
    private final int chunk;
    private final AtomicInteger next = new AtomicInteger();

    GgmlOrderF32(WeightMatrix w, float[] x, int xo, int batch, float[] y, int yo, int threads) {
        this.w = w;
        this.x = x;
        this.xo = xo;
        this.batch = batch;
        this.y = y;
        this.yo = yo;
        this.chunk = Math.max(1, w.rows() / (4 * threads));
    }

    static boolean applies(WeightMatrix w) {
        return w.cols() % GgmlLanes.LANES == 0;
    }

    @Override
    public void run(int worker, int workers) {
        int rows = w.rows();
        int cols = w.cols();
        MemorySegment data = w.data();
        long rowBytes = w.rowBytes();
        float[] lanes = LANES.get();
        boolean tinyBlas = GgmlMath.tinyBlas(rows, cols, batch);
        for (int u; (u = next.getAndIncrement()) * chunk < rows; ) {
            int r1 = Math.min(rows, (u + 1) * chunk);
            for (int r = u * chunk; r < r1; r++) {
                long off = r * rowBytes;
                for (int t = 0; t < batch; t++) {
                    int xt = xo + t * cols;
                    if (!tinyBlas) {
                        y[yo + t * rows + r] = GgmlMath.vecDotF32(data, off, x, xt, cols);
                        continue;
                    }
                    FloatVector acc = FloatVector.zero(F8);
                    for (int k = 0; k < cols; k += GgmlLanes.LANES) {
                        acc = FloatVector.fromMemorySegment(F8, data, off + 4L * k, LE).fma(FloatVector.fromArray(F8, x, xt + k), acc);
                    }
                    acc.intoArray(lanes, 0);
                    y[yo + t * rows + r] = GgmlLanes.hsum8(lanes);
                }
            }
        }
    }
}
