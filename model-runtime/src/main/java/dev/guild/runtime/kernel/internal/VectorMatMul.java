package dev.guild.runtime.kernel.internal;

import dev.guild.runtime.kernel.ActivationPath;
import dev.guild.runtime.kernel.MatMul;
import dev.guild.runtime.kernel.WeightMatrix;
import dev.guild.runtime.quant.ActivationRows;
import dev.guild.runtime.quant.Quantization;
import dev.guild.runtime.quant.internal.Bytes;
import dev.guild.runtime.tensor.GgmlType;

import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Vector API matmul. Per call: activations are converted once (GGML path: to the weight type's vec_dot
 * type and back to the float values they stand for), then the pool's threads share the rows.
 * Batches of 1..3 on Q8_0/Q4_0/Q4_K/Q6_K use the decode-and-dot kernels of {@link FusedDot} row by row.
 * Otherwise work units of (token tile, row chunk) decode 4 weight rows at a time into a per-thread scratch
 * and run the 4x4 register-blocked FMA kernel over the tile's tokens, so each weight block is decoded once
 * per 64 tokens and the tile's activations stay in cache.
 */
public final class VectorMatMul implements MatMul {
    static final int TOKEN_TILE = 64;
    private static final ScratchFloats SCRATCH = new ScratchFloats();
    private static final ThreadLocal<Map<Long, ActivationRows>> ACTIVATIONS = ThreadLocal.withInitial(HashMap::new);

    private final WorkerPool pool;
    private final ActivationPath path;

    public VectorMatMul(WorkerPool pool, ActivationPath path) {
        this.pool = pool;
        this.path = path;
    }

    @Override
    public void matmul(WeightMatrix w, float[] x, int xOff, int batch, float[] y, int yOff) {
        MatMul.checkArgs(w, x, xOff, batch, y, yOff);
        if (path == ActivationPath.GGML && w.type() == GgmlType.F32 && GgmlOrderF32.applies(w)) {
            pool.run(new GgmlOrderF32(w, x, xOff, batch, y, yOff, pool.threads()));
            return;
        }
        GgmlType act = Quantization.activationType(w.type());
        float[] xs = x;
        int xo = xOff;
        float[] sums = null;
        if (path == ActivationPath.GGML && act != GgmlType.F32) {
            ActivationRows a = activations(act, w.cols(), batch);
            if (batch >= 4 && pool.threads() > 1) {
                AtomicInteger next = new AtomicInteger();
                pool.run((worker, workers) -> {
                    for (int t; (t = next.getAndIncrement()) < batch; ) {
                        a.quantizeRows(x, xOff, batch, t, t + 1);
                    }
                });
            } else {
                a.quantize(x, xOff, batch);
            }
            xs = a.values();
            xo = 0;
            if (w.type() == GgmlType.Q5_1) {
                sums = a.sums();
            }
        }
        float[] xsum = null;
        Q8K q8k = null;
        boolean fused = VectorDecode.WIDE && batch < 4 && FUSED.contains(w.type());
        if (fused && w.type() == GgmlType.Q4_K) {
            if (path == ActivationPath.GGML && FusedDot.EXACT_K) {
                q8k = Q8K.of(activations(act, w.cols(), batch), batch);
            } else {
                xsum = blockSums(xs, xo, batch, w.cols());
            }
        }
        pool.run(new Job(w, xs, xo, batch, y, yOff, pool.threads(), fused, xsum, sums, q8k));
    }

    /** Q8_K activations for {@link FusedDot#dotQ4_KQ8_K}: the quants as floats, the scales and the sums of 16. */
    private record Q8K(float[] quants, float[] scales, short[] blockSums) {
        static Q8K of(ActivationRows a, int batch) {
            byte[] q = a.quants();
            int n = batch * a.cols();
            float[] f = QUANTS.get(n);
            for (int i = 0; i < n; i++) {
                f[i] = q[i];
            }
            return new Q8K(f, a.scales(), a.blockSums());
        }
    }

    private static final ScratchFloats QUANTS = new ScratchFloats();

    /** Types with a decode-and-dot kernel for small batches (see {@link FusedDot}). */
    private static final java.util.Set<GgmlType> FUSED = java.util.EnumSet.of(GgmlType.Q8_0, GgmlType.Q4_0, GgmlType.Q4_K, GgmlType.Q6_K);
    private static final ScratchFloats XSUM = new ScratchFloats();

    /** Sums of each 32 activations of each row (the K-quant min terms need them). */
    private static float[] blockSums(float[] x, int xo, int batch, int cols) {
        int per = cols / 32;
        float[] out = XSUM.get(batch * per);
        for (int t = 0; t < batch; t++) {
            for (int k = 0; k < per; k++) {
                float sum = 0;
                int at = xo + t * cols + 32 * k;
                for (int i = 0; i < 32; i++) {
                    sum += x[at + i];
                }
                out[t * per + k] = sum;
            }
        }
        return out;
    }

    private static ActivationRows activations(GgmlType type, int cols, int batch) {
        Map<Long, ActivationRows> cache = ACTIVATIONS.get();
        long key = ((long) type.id() << 32) | cols;
        ActivationRows a = cache.get(key);
        if (a == null || a.capacity() < batch) {
            a = ActivationRows.allocate(type, cols, Math.max(batch, a == null ? 1 : 2 * a.capacity()));
            cache.put(key, a);
        }
        return a;
    }

    private static final ScratchFloats SUMS = new ScratchFloats();

    /** Per-thread room for the lane sums of {@link VectorDot#dot4x4}. */
    static float[] sumScratch(int size) {
        return SUMS.get(size);
    }

    static float[] scratch(int size) {
        return SCRATCH.get(size);
    }

    private static final class Job implements WorkerPool.Job {
        private final WeightMatrix w;
        private final float[] x;
        private final int xo;
        private final int batch;
        private final float[] y;
        private final int yo;
        private final int chunkRows;
        private final int chunks;
        private final int units;
        private final boolean fused;
        private final float[] xsum;
        /** Q5_1 on the GGML path: the Q8_1 activations' fp16 block sums {@code s}; the rows decode without min. */
        private final float[] q8Sums;
        /** Q4_K at batch 1..3 on the GGML path with 16 lanes: the exact kernel's activations, else null. */
        private final Q8K q8k;
        private final AtomicInteger next = new AtomicInteger();

        Job(WeightMatrix w, float[] x, int xo, int batch, float[] y, int yo, int threads, boolean fused, float[] xsum,
            float[] q8Sums, Q8K q8k) {
            this.q8k = q8k;
            this.fused = fused;
            this.xsum = xsum;
            this.q8Sums = q8Sums;
            this.w = w;
            this.x = x;
            this.xo = xo;
            this.batch = batch;
            this.y = y;
            this.yo = yo;
            int groups = (w.rows() + 3) / 4;
            int perChunk = Math.max(1, groups / (threads * 4));
            this.chunkRows = perChunk * 4;
            this.chunks = (w.rows() + chunkRows - 1) / chunkRows;
            this.units = chunks * ((batch + TOKEN_TILE - 1) / TOKEN_TILE);
        }

        @Override
        public void run(int worker, int workers) {
            if (fused) {
                runFused();
            } else {
                runTiled();
            }
        }

        private void runFused() {
            int cols = w.cols();
            int rows = w.rows();
            MemorySegment data = w.data();
            long rowBytes = w.rowBytes();
            GgmlType type = w.type();
            float[] acc = scratch(16);
            for (int u; (u = next.getAndIncrement()) < chunks; ) {
                int r1 = Math.min(rows, (u + 1) * chunkRows);
                for (int r = u * chunkRows; r < r1; r++) {
                    long off = r * rowBytes;
                    for (int t = 0; t < batch; t++) {
                        int xt = xo + t * cols;
                        y[yo + t * rows + r] = switch (type) {
                            case Q8_0 -> FusedDot.dotQ8_0F32(data, off, x, xt, cols);
                            case Q4_0 -> FusedDot.dotQ4_0F32(data, off, x, xt, cols);
                            case Q4_K -> q8k != null
                                    ? FusedDot.dotQ4_KQ8_K(data, off, q8k.quants(), xt, q8k.scales(), q8k.blockSums(), t * (cols / 16), cols)
                                    : FusedDot.dotQ4_KF32(data, off, x, xt, xsum, t * (cols / 32), cols);
                            case Q6_K -> FusedDot.dotQ6_KF32(data, off, x, xt, cols, acc);
                            default -> throw new IllegalStateException("no fused kernel for " + type);
                        };
                    }
                }
            }
        }

        /** Adds ggml's Q5_1 min term {@code sum_b m_b * s_b} (fma in block order) to rows {@code [r, r+nr)}. */
        private void addMinTerms(MemorySegment data, int r, int nr, long rowBytes, int cols, int t0, int t1, int rows) {
            int nb = cols / 32;
            for (int i = 0; i < nr; i++) {
                long row = (r + i) * rowBytes;
                for (int t = t0; t < t1; t++) {
                    float summs = 0;
                    for (int b = 0; b < nb; b++) {
                        summs = Math.fma(Bytes.f16(data, row + 24L * b + 2), q8Sums[t * nb + b], summs);
                    }
                    y[yo + t * rows + r + i] += summs;
                }
            }
        }

        private void runTiled() {
            int cols = w.cols();
            int rows = w.rows();
            float[] s = scratch(4 * cols);
            GgmlType type = w.type();
            MemorySegment data = w.data();
            long rowBytes = w.rowBytes();
            for (int u; (u = next.getAndIncrement()) < units; ) {
                int t0 = (u / chunks) * TOKEN_TILE;
                int t1 = Math.min(batch, t0 + TOKEN_TILE);
                int r0 = (u % chunks) * chunkRows;
                int r1 = Math.min(rows, r0 + chunkRows);
                for (int r = r0; r < r1; r += 4) {
                    int nr = Math.min(4, r1 - r);
                    for (int i = 0; i < nr; i++) {
                        if (q8Sums != null) {
                            VectorDecode.rowQ5_1WithoutMin(data, (r + i) * rowBytes, s, i * cols, cols);
                        } else {
                            VectorDecode.row(type, data, (r + i) * rowBytes, s, i * cols, cols);
                        }
                    }
                    if (nr == 4) {
                        int t = t0;
                        for (; t + 4 <= t1; t += 4) {
                            VectorDot.dot4x4(s, 0, x, xo + t * cols, cols, cols, y, yo + t * rows + r, rows);
                        }
                        for (; t < t1; t++) {
                            VectorDot.dot4x1(s, 0, x, xo + t * cols, cols, y, yo + t * rows + r);
                        }
                    } else {
                        for (int i = 0; i < nr; i++) {
                            for (int t = t0; t < t1; t++) {
                                y[yo + t * rows + r + i] = VectorDot.dot1x1(s, i * cols, x, xo + t * cols, cols);
                            }
                        }
                    }
                    if (q8Sums != null) {
                        addMinTerms(data, r, nr, rowBytes, cols, t0, t1, rows);
                    }
                }
            }
        }
    }
}
