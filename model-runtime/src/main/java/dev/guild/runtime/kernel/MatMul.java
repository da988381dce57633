package dev.guild.runtime.kernel;

/**
 * {@code y = x · Wᵀ} for a batch of activation rows: {@code x} is {@code batch x w.cols()} floats row-major,
 * {@code y} receives {@code batch x w.rows()} floats row-major ({@code y[t * rows + r]} = dot of weight row r
 * with token t). Implementations are thread-safe; one instance may serve concurrent callers.
 */
public interface MatMul {

    void matmul(WeightMatrix w, float[] x, int xOff, int batch, float[] y, int yOff);

    default void matmul(WeightMatrix w, float[] x, int batch, float[] y) {
        matmul(w, x, 0, batch, y, 0);
    }

    /** Checks array bounds; shared by implementations so that every one reports the same errors. */
    static void checkArgs(WeightMatrix w, float[] x, int xOff, int batch, float[] y, int yOff) {
        if (batch <= 0) {
            throw new IllegalArgumentException("batch must be positive, got " + batch);
        }
        if (xOff < 0 || (long) xOff + (long) batch * w.cols() > x.length) {
            throw new IllegalArgumentException("x needs %d x %d floats from offset %d but has %d"
                    .formatted(batch, w.cols(), xOff, x.length));
        }
        if (yOff < 0 || (long) yOff + (long) batch * w.rows() > y.length) {
            throw new IllegalArgumentException("y needs %d x %d floats from offset %d but has %d"
                    .formatted(batch, w.rows(), yOff, y.length));
        }
    }
}
