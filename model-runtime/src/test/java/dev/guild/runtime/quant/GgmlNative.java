package dev.guild.runtime.quant;

import dev.guild.runtime.tensor.GgmlType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Test access to the real ggml (llama.cpp b4916) inside the de.kherud:llama jar: its quantize_row_*_ref,
 * the CPU backend's activation quantizers and vec_dot kernels, called through FFM.
 */
public final class GgmlNative {
    private static final String RESOURCE = "de/kherud/llama/Linux/x86_64/libjllama.so";
    private static final Linker LINKER = Linker.nativeLinker();
    private static SymbolLookup lookup;

    private GgmlNative() {
    }

    public static boolean available() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        return os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"))
                && GgmlNative.class.getClassLoader().getResource(RESOURCE) != null;
    }

    private static synchronized SymbolLookup lib() {
        if (lookup == null) {
            try (InputStream in = GgmlNative.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                Path tmp = Files.createTempFile("ggml-ref", ".so");
                tmp.toFile().deleteOnExit();
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                lookup = SymbolLookup.libraryLookup(tmp, Arena.global());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot extract " + RESOURCE, e);
            }
            invoke(handle("ggml_cpu_init", FunctionDescriptor.ofVoid()));
        }
        return lookup;
    }

    private static MethodHandle handle(String name, FunctionDescriptor fd) {
        MemorySegment sym = lib().find(name).orElseThrow(() -> new IllegalStateException("ggml has no symbol " + name));
        return LINKER.downcallHandle(sym, fd);
    }

    private static Object invoke(MethodHandle h, Object... args) {
        try {
            return h.invokeWithArguments(args);
        } catch (Throwable t) {
            throw new IllegalStateException("ggml call failed", t);
        }
    }

    private static final FunctionDescriptor ROW = FunctionDescriptor.ofVoid(
            ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG);

    private static byte[] rowCall(String fn, float[] x, long outBytes) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment src = a.allocateFrom(ValueLayout.JAVA_FLOAT, x);
            MemorySegment dst = a.allocate(outBytes, 64);
            invoke(handle(fn, ROW), src, dst, (long) x.length);
            return dst.toArray(ValueLayout.JAVA_BYTE);
        }
    }

    /** ggml's quantize_row_&lt;type&gt;_ref: the bytes llama.cpp's tools write. */
    public static byte[] quantizeRef(GgmlType type, float[] x) {
        return rowCall("quantize_row_" + type.name().toLowerCase(Locale.ROOT).replace("k", "K") + "_ref", x,
                type.bytesFor(x.length));
    }

    /** The CPU backend's activation quantizer (quantize_row_q8_0 / q8_1 / q8_K). */
    public static byte[] quantizeActivations(GgmlType type, float[] x) {
        return rowCall("quantize_row_" + type.name().toLowerCase(Locale.ROOT).replace("k", "K"), x,
                type.bytesFor(x.length));
    }

    /** dequantize_row_&lt;type&gt;. */
    public static float[] dequantize(GgmlType type, byte[] data, int n) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment src = a.allocateFrom(ValueLayout.JAVA_BYTE, data);
            MemorySegment dst = a.allocate(4L * n, 64);
            invoke(handle("dequantize_row_" + type.name().toLowerCase(Locale.ROOT).replace("k", "K"), ROW), src, dst, (long) n);
            return dst.toArray(ValueLayout.JAVA_FLOAT);
        }
    }

    /**
     * A downcall handle of ggml_vec_dot_&lt;w&gt;_&lt;act&gt; with signature
     * {@code (int n, float* s, long bs, void* w, long bw, void* act, long ba, int nrc)}, for callers that reuse
     * native buffers (benchmarks).
     */
    public static MethodHandle vecDotHandle(GgmlType w, GgmlType act) {
        String name = "ggml_vec_dot_" + (w.name() + "_" + act.name()).toLowerCase(Locale.ROOT).replace("k", "K");
        return handle(name, VEC_DOT);
    }

    private static final FunctionDescriptor VEC_DOT = FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
            ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT);

    /** ggml_vec_dot_&lt;w&gt;_&lt;act&gt;(n, &s, 0, w, 0, act, 0, 1). */
    public static float vecDot(GgmlType w, GgmlType act, byte[] wq, byte[] aq, int n) {
        MethodHandle h = vecDotHandle(w, act);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(ValueLayout.JAVA_FLOAT);
            MemorySegment ws = a.allocateFrom(ValueLayout.JAVA_BYTE, wq);
            MemorySegment as = a.allocateFrom(ValueLayout.JAVA_BYTE, aq);
            invoke(h, n, s, 0L, ws, 0L, as, 0L, 1);
            return s.get(ValueLayout.JAVA_FLOAT, 0);
        }
    }

    private static final java.lang.foreign.StructLayout INIT_PARAMS = java.lang.foreign.MemoryLayout.structLayout(
            ValueLayout.JAVA_LONG.withName("mem_size"), ValueLayout.ADDRESS.withName("mem_buffer"),
            ValueLayout.JAVA_BOOLEAN.withName("no_alloc"), java.lang.foreign.MemoryLayout.paddingLayout(7));

    /**
     * Runs one ggml row operation on the CPU backend (one thread) over {@code rows} rows of {@code x}:
     * {@code "rms_norm"} (with {@code eps}), {@code "soft_max"}, {@code "silu"} or {@code "sigmoid"}; returns ggml's
     * result.
     */
    public static float[] rowOp(String op, float[] x, int rows, float eps) {
        return inContext(ctx -> {
            MemorySegment t = matrix(ctx, x, x.length / rows, rows);
            MemorySegment y = switch (op) {
                case "rms_norm" -> (MemorySegment) invoke(handle("ggml_rms_norm", FunctionDescriptor.of(
                        ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_FLOAT)),
                        ctx, t, eps);
                case "soft_max", "silu", "sigmoid" -> (MemorySegment) invoke(handle("ggml_" + op,
                        FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS)), ctx, t);
                default -> throw new IllegalArgumentException(
                        "no ggml row op " + op + "; use rms_norm, soft_max, silu or sigmoid");
            };
            return compute(ctx, y, x.length);
        });
    }

    /**
     * ggml_mul_mat of an F32 matrix {@code a} (rows of {@code k}) by {@code b} ({@code n} contiguous columns of
     * {@code k}): the path llama.cpp's x86 build runs through llamafile's tinyBLAS; returns n × rows values.
     */
    public static float[] mulMat(float[] a, float[] b, int k) {
        return inContext(ctx -> {
            MemorySegment y = (MemorySegment) invoke(handle("ggml_mul_mat", FunctionDescriptor.of(ValueLayout.ADDRESS,
                    ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS)), ctx,
                    matrix(ctx, a, k, a.length / k), matrix(ctx, b, k, b.length / k));
            return compute(ctx, y, (a.length / k) * (b.length / k));
        });
    }

    /** The CPU backend's F32 vec_dot ({@code ggml_vec_dot_f32}, from its type traits). */
    public static float vecDotF32(float[] x, float[] y) {
        MemorySegment traits = ((MemorySegment) invoke(handle("ggml_get_type_traits_cpu",
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT)), 0)).reinterpret(32);
        MethodHandle dot = LINKER.downcallHandle(traits.get(ValueLayout.ADDRESS, 8), VEC_DOT);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(ValueLayout.JAVA_FLOAT);
            invoke(dot, x.length, s, 0L, a.allocateFrom(ValueLayout.JAVA_FLOAT, x), 0L,
                    a.allocateFrom(ValueLayout.JAVA_FLOAT, y), 0L, 1);
            return s.get(ValueLayout.JAVA_FLOAT, 0);
        }
    }

    private static float[] inContext(java.util.function.Function<MemorySegment, float[]> body) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment params = a.allocate(INIT_PARAMS);
            params.set(ValueLayout.JAVA_LONG, 0, 64L << 20);
            params.set(ValueLayout.ADDRESS, 8, MemorySegment.NULL);
            params.set(ValueLayout.JAVA_BOOLEAN, 16, false);
            MemorySegment ctx = (MemorySegment) invoke(handle("ggml_init",
                    FunctionDescriptor.of(ValueLayout.ADDRESS, INIT_PARAMS)), params);
            try {
                return body.apply(ctx);
            } finally {
                invoke(handle("ggml_free", FunctionDescriptor.ofVoid(ValueLayout.ADDRESS)), ctx);
            }
        }
    }

    private static MemorySegment matrix(MemorySegment ctx, float[] x, int cols, int rows) {
        MemorySegment t = (MemorySegment) invoke(handle("ggml_new_tensor_2d", FunctionDescriptor.of(
                ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_LONG)), ctx, 0, (long) cols, (long) rows);
        data(t, x.length).copyFrom(MemorySegment.ofArray(x));
        return t;
    }

    private static float[] compute(MemorySegment ctx, MemorySegment y, int n) {
        MemorySegment graph = (MemorySegment) invoke(handle("ggml_new_graph",
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS)), ctx);
        invoke(handle("ggml_build_forward_expand", FunctionDescriptor.ofVoid(ValueLayout.ADDRESS,
                ValueLayout.ADDRESS)), graph, y);
        invoke(handle("ggml_graph_compute_with_ctx", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT)), ctx, graph, 1);
        return data(y, n).toArray(ValueLayout.JAVA_FLOAT);
    }

    private static MemorySegment data(MemorySegment tensor, int n) {
        MemorySegment p = (MemorySegment) invoke(handle("ggml_get_data",
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS)), tensor);
        return p.reinterpret(4L * n);
    }
}
