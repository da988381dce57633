package dev.guild.runtime.model.internal;

import dev.guild.runtime.model.ModelLoadException;
import dev.guild.runtime.model.TensorData;
import dev.guild.runtime.model.WeightSource;
import dev.guild.runtime.kernel.WeightMatrix;
import dev.guild.runtime.quant.Quantization;
import dev.guild.runtime.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Optional;

/**
 * Looks up tensors by llama.cpp name and turns them into matrices and vectors, checking shapes;
 * a missing or misshaped tensor is reported with its name, the architecture and the expected shape.
 */
public final class Weights {

    private final WeightSource source;
    private final String arch;
    private final Compute compute;

    public Weights(WeightSource source, String arch, Compute compute) {
        this.source = source;
        this.arch = arch;
        this.compute = compute;
    }

    /** The kernels the model's blocks compute with. */
    public Compute compute() {
        return compute;
    }

    public String arch() {
        return arch;
    }

    /** {@code blk.N.<name>}. */
    public static String layer(int layer, String name) {
        return "blk." + layer + "." + name;
    }

    public boolean has(String name) {
        return source.tensor(name).isPresent();
    }

    public TensorData require(String name, long... dims) {
        TensorData t = source.tensor(name).orElseThrow(() -> new ModelLoadException(
                "tensor '%s' is required by architecture '%s' but missing from the file; ".formatted(name, arch)
                        + "the file is incomplete or was converted for another architecture"));
        checkShape(t, dims);
        return t;
    }

    public Optional<TensorData> optional(String name, long... dims) {
        Optional<TensorData> t = source.tensor(name);
        t.ifPresent(x -> checkShape(x, dims));
        return t;
    }

    private void checkShape(TensorData t, long[] dims) {
        if (dims.length == 0) {
            return;
        }
        for (int i = 0; i < Math.max(dims.length, t.dims().length); i++) {
            long want = i < dims.length ? dims[i] : 1;
            if (t.dim(i) != want) {
                throw new ModelLoadException("tensor '%s' of architecture '%s' has shape %s but the metadata implies %s"
                        .formatted(t.name(), arch, Arrays.toString(t.dims()), Arrays.toString(dims)));
            }
        }
    }

    /** A 2-D matrix {@code {cols, rows}} in ggml order. */
    public Linear matrix(String name, int cols, int rows) {
        return linear(require(name, cols, rows), 0);
    }

    public Optional<Linear> optionalMatrix(String name, int cols, int rows) {
        return optional(name, cols, rows).map(t -> linear(t, 0));
    }

    /** The per-expert (or per-head) slices of a 3-D tensor {@code {cols, rows, count}}. */
    public Linear[] stacked(String name, int cols, int rows, int count) {
        TensorData t = require(name, cols, rows, count);
        Linear[] out = new Linear[count];
        for (int e = 0; e < count; e++) {
            out[e] = linear(t, e);
        }
        return out;
    }

    /**
     * A stacked 3-D tensor whose experts each hold two matrices one after the other (ggml ne = {cols, 2 * rows,
     * count}, as the merged {@code ffn_gate_up_exps}): {@code [e][0]} is rows {@code [0, rows)} of expert e,
     * {@code [e][1]} rows {@code [rows, 2 * rows)}; views, no copy.
     */
    public Linear[][] stackedPairs(String name, int cols, int rows, int count) {
        TensorData t = require(name, cols, 2L * rows, count);
        Linear[][] out = new Linear[count][2];
        for (int e = 0; e < count; e++) {
            out[e][0] = linear(t, 2L * rows * e, rows);
            out[e][1] = linear(t, 2L * rows * e + rows, rows);
        }
        return out;
    }

    public float[] vector(String name, int length) {
        return toFloats(require(name, length));
    }

    public Optional<float[]> optionalVector(String name, int length) {
        return optional(name, length).map(Weights::toFloats);
    }

    private static float[] toFloats(TensorData t) {
        return Quantization.dequantize(t.type(), t.data(), Math.toIntExact(t.elements()));
    }

    private Linear linear(TensorData t, int slice) {
        int rows = Math.toIntExact(t.dim(1));
        return linear(t, (long) rows * slice, rows);
    }

    /** Rows {@code [firstRow, firstRow + rows)} of {@code t}, counting rows across all its slices. */
    private Linear linear(TensorData t, long firstRow, int rows) {
        int cols = Math.toIntExact(t.dim(0));
        GgmlType type = t.type();
        if (!type.supported() || cols % type.blockSize() != 0) {
            throw new ModelLoadException("tensor '%s' has type %s with rows of %d values, which this engine cannot compute with; supported types: %s (rows a whole number of blocks)"
                    .formatted(t.name(), type, cols, GgmlType.supportedNames()));
        }
        long bytes = (long) rows * type.bytesFor(cols);
        MemorySegment part = t.data().asSlice(firstRow * type.bytesFor(cols), bytes);
        return new KernelLinear(new WeightMatrix(type, rows, cols, part), compute.matMul());
    }
}
