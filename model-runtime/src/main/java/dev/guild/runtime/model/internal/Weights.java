package dev.guild.runtime.model.internal;

import dev.guild.runtime.model.ModelLoadException;
import dev.guild.runtime.model.TensorData;
import dev.guild.runtime.model.WeightSource;
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

    public Weights(WeightSource source, String arch) {
        this.source = source;
        this.arch = arch;
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

    public float[] vector(String name, int length) {
        return toFloats(require(name, length));
    }

    public Optional<float[]> optionalVector(String name, int length) {
        return optional(name, length).map(Weights::toFloats);
    }

    private static float[] toFloats(TensorData t) {
        float[] out = new float[Math.toIntExact(t.elements())];
        linear(t, 0, 1, out.length).row(0, out, 0);
        return out;
    }

    private static Linear linear(TensorData t, int slice) {
        return linear(t, slice, Math.toIntExact(t.dim(1)), Math.toIntExact(t.dim(0)));
    }

    private static Linear linear(TensorData t, int slice, int rows, int cols) {
        GgmlType type = t.type();
        long bytes = type.bytesFor((long) rows * cols);
        MemorySegment part = t.data().asSlice(bytes * slice, bytes);
        return switch (type) {
            case F32, F16, BF16 -> new FloatLinear(type, rows, cols, part);
            default -> throw new ModelLoadException("tensor '%s' has weight type %s, which this engine cannot compute with yet; supported: F32, F16, BF16"
                    .formatted(t.name(), type));
        };
    }
}
