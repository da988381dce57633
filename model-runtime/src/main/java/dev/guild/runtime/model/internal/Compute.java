package dev.guild.runtime.model.internal;

import dev.guild.runtime.kernel.KernelConfig;
import dev.guild.runtime.kernel.Kernels;
import dev.guild.runtime.kernel.MatMul;
import dev.guild.runtime.kernel.TensorOps;
import dev.guild.runtime.kernel.WeightMatrix;
import dev.guild.runtime.kernel.internal.WorkerPool;

/**
 * The kernels a model computes with: matrix products and element-wise operations of one implementation.
 *
 * @param matMul       the configured matmul (multithreaded for VECTOR)
 * @param ops          element-wise operations
 * @param serialMatMul the same matmul on the calling thread only, for work that {@link #pool} already runs in
 *                     parallel (each row of its result is the same as {@code matMul}'s)
 * @param pool         the participants of {@code matMul}; one thread for REFERENCE
 */
public record Compute(MatMul matMul, TensorOps ops, MatMul serialMatMul, WorkerPool pool) {

    public static Compute of(KernelConfig config) {
        int threads = config.implementation() == KernelConfig.Implementation.VECTOR ? config.threads() : 1;
        return new Compute(Kernels.matMul(config), Kernels.ops(config), Kernels.matMul(config.withThreads(1)),
                WorkerPool.shared(threads));
    }

    /** Row-chunk granularity: a multiple of 4 (the tiled kernel's row group) and of any vector length. */
    public static final int CHUNK_ROWS = 64;

    /**
     * {@code ys[i] = x · ws[i]ᵀ} for several matrices on the same {@code n} input rows in one pool run: the units
     * are row chunks of {@link #CHUNK_ROWS} (whole matrices on one thread or when their rows are not a multiple
     * of it), each a
     * single-threaded matmul. Every row meets the same kernel code as in {@code ws[i].matmul}, so the results
     * are the same bits; one hand-off instead of one per matrix (a decode step's q, k and v projections).
     */
    public void matmulAll(Linear[] ws, float[] x, int n, float[][] ys) {
        int[] first = new int[ws.length + 1];
        for (int i = 0; i < ws.length; i++) {
            boolean split = pool.threads() > 1 && ws[i].rows() % CHUNK_ROWS == 0;
            first[i + 1] = first[i] + (split ? ws[i].rows() / CHUNK_ROWS : 1);
        }
        pool.forEach(first[ws.length], u -> {
            int i = 0;
            while (first[i + 1] <= u) {
                i++;
            }
            WeightMatrix w = weights(ws[i]);
            int chunks = first[i + 1] - first[i];
            if (chunks == 1) {
                serialMatMul.matmul(w, x, n, ys[i]);
            } else {
                int r0 = (u - first[i]) * CHUNK_ROWS;
                serialMatMulRows(w, r0, r0 + CHUNK_ROWS, x, n, ys[i]);
            }
        });
    }

    /**
     * Rows {@code [r0, r1)} of {@code x · wᵀ} on the calling thread, written to their columns of the
     * {@code n x w.rows()} result {@code y}.
     */
    public void serialMatMulRows(WeightMatrix w, int r0, int r1, float[] x, int n, float[] y) {
        int width = r1 - r0;
        WeightMatrix part = new WeightMatrix(w.type(), width, w.cols(),
                w.data().asSlice(w.rowOffset(r0), width * w.rowBytes()));
        float[] tmp = new float[n * width];
        serialMatMul.matmul(part, x, n, tmp);
        for (int t = 0; t < n; t++) {
            System.arraycopy(tmp, t * width, y, t * w.rows() + r0, width);
        }
    }

    /** The weights behind a kernel matrix. */
    public static WeightMatrix weights(Linear l) {
        if (l instanceof KernelLinear kl) {
            return kl.weights();
        }
        throw new IllegalStateException("expected a kernel matrix, got " + l.getClass().getName());
    }

    /** RMSNorm of {@code n} rows of {@code width} in place. */
    public void rmsNorm(float[] x, int n, int width, float[] weight, float eps) {
        for (int t = 0; t < n; t++) {
            ops.rmsnorm(x, t * width, x, t * width, weight, 0, width, eps);
        }
    }

    /** Adds {@code bias} to each of {@code n} rows of x. */
    public void addBias(float[] x, int n, float[] bias) {
        for (int t = 0; t < n; t++) {
            ops.add(x, t * bias.length, x, t * bias.length, bias, 0, bias.length);
        }
    }
}
