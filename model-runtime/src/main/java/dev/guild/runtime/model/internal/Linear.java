package dev.guild.runtime.model.internal;

/**
 * A weight matrix of {@code rows} output features by {@code cols} input features (ggml: ne[1] x ne[0]),
 * applied to a batch of activation rows.
 */
public interface Linear {

    int rows();

    int cols();

    /**
     * {@code y[t][r] = sum_c W[r][c] * x[t][c]} for {@code t < n}; x is n×cols and y is n×rows,
     * both row-major. y is overwritten.
     */
    void matmul(float[] x, int n, float[] y);

    /** Writes row {@code r} of the matrix, dequantized, to {@code dst[off..off+cols)}. */
    void row(int r, float[] dst, int off);
}
