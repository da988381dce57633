package dev.guild.runtime.cli;

import dev.guild.runtime.gguf.GgufArray;
import dev.guild.runtime.gguf.GgufEntry;
import dev.guild.runtime.gguf.GgufFile;
import dev.guild.runtime.gguf.GgufFormatException;
import dev.guild.runtime.gguf.GgufMetadata;
import dev.guild.runtime.gguf.GgufTensor;
import dev.guild.runtime.tensor.GgmlType;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** {@code info <file.gguf>}: architecture, metadata, tensor table, totals and a memory estimate. */
public final class InfoCommand implements Command {
    /** Context length for the KV-cache estimate when {@code --ctx} is not given (capped by the model's). */
    static final int DEFAULT_CONTEXT = 4096;
    /** Bytes per cached K or V element: llama.cpp's default cache type is f16. */
    private static final int KV_BYTES_PER_ELEMENT = 2;

    @Override
    public String name() {
        return "info";
    }

    @Override
    public String summary() {
        return "show a GGUF file's architecture, metadata, tensors and the memory it needs";
    }

    @Override
    public String usage() {
        return "[--ctx N] <file.gguf>\n  --ctx N  context length for the KV-cache estimate (default: the model's, at most " + DEFAULT_CONTEXT + ")";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Integer context = null;
        String file = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--ctx")) {
                if (i + 1 >= args.size()) {
                    return usageError(err, "--ctx needs a value");
                }
                String v = args.get(++i);
                try {
                    context = Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    context = -1;
                }
                if (context <= 0) {
                    return usageError(err, "--ctx must be a positive integer, got '" + v + "'");
                }
            } else if (a.startsWith("-")) {
                return usageError(err, "unknown option '" + a + "'");
            } else if (file != null) {
                return usageError(err, "expected one file, got '" + file + "' and '" + a + "'");
            } else {
                file = a;
            }
        }
        if (file == null) {
            return usageError(err, "missing the GGUF file to describe");
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            err.println(name() + ": no such file: " + file + (Files.isDirectory(path) ? " (it is a directory)" : ""));
            return EXIT_FAILURE;
        }
        try (GgufFile gguf = GgufFile.open(path, GgufFile.TypePolicy.ANY_KNOWN)) {
            print(gguf, context, out);
            return EXIT_OK;
        } catch (GgufFormatException e) {
            err.println(name() + ": " + e.getMessage());
            return EXIT_FAILURE;
        } catch (NoSuchFileException e) {
            err.println(name() + ": no such file: " + file);
            return EXIT_FAILURE;
        } catch (IOException e) {
            err.println(name() + ": cannot read " + file + ": " + e);
            return EXIT_FAILURE;
        }
    }

    private int usageError(PrintStream err, String problem) {
        err.println(name() + ": " + problem);
        err.println(Main.usageOf(this));
        return EXIT_USAGE;
    }

    private void print(GgufFile gguf, Integer context, PrintStream out) {
        GgufMetadata m = gguf.metadata();
        out.println("File:          " + gguf.path());
        out.println("Format:        GGUF v" + gguf.version() + ", alignment " + gguf.alignment() + ", data section at offset " + gguf.dataStart());
        out.println("File size:     " + bytes(gguf.fileSize()));
        out.println("Architecture:  " + gguf.architecture().orElse("(general.architecture missing)"));
        m.getString("general.name").ifPresent(n -> out.println("Name:          " + n));

        out.println();
        out.println("Metadata (" + m.size() + " keys):");
        int keyWidth = Math.min(48, m.entries().stream().mapToInt(e -> e.key().length()).max().orElse(0));
        for (GgufEntry e : m.entries()) {
            out.printf("  %-" + keyWidth + "s  %-16s %s%n", e.key(), typeOf(e), GgufMetadata.preview(e));
        }

        out.println();
        out.println("Tensors (" + gguf.tensors().size() + "):");
        int nameWidth = Math.max(4, Math.min(48, gguf.tensors().stream().mapToInt(t -> t.name().length()).max().orElse(0)));
        out.printf("  %-" + nameWidth + "s  %-6s %-24s %14s%n", "name", "type", "dims (ne0 first)", "bytes");
        Map<GgmlType, long[]> byType = new TreeMap<>();
        for (GgufTensor t : gguf.tensors()) {
            out.printf("  %-" + nameWidth + "s  %-6s %-24s %14d%n", t.name(), t.type() + (t.type().supported() ? "" : "*"),
                    Arrays.stream(t.dims()).mapToObj(Long::toString).collect(Collectors.joining(" x ")), t.byteSize());
            long[] sum = byType.computeIfAbsent(t.type(), k -> new long[3]);
            sum[0]++;
            sum[1] += t.byteSize();
            sum[2] += t.elementCount();
        }
        long weights = byType.values().stream().mapToLong(s -> s[1]).sum();

        out.println();
        out.println("Weights by type:");
        byType.forEach((type, s) -> out.printf("  %-6s %5d tensors %14d elements  %s%n", type, s[0], s[2], bytes(s[1])));
        out.printf("  %-6s %5d tensors %14d elements  %s%n", "total", gguf.tensors().size(),
                byType.values().stream().mapToLong(s -> s[2]).sum(), bytes(weights));
        List<GgmlType> unsupported = byType.keySet().stream().filter(t -> !t.supported()).toList();
        if (!unsupported.isEmpty()) {
            out.println("  * Guild cannot compute with " + unsupported + "; supported types: " + GgmlType.supportedNames());
        }

        out.println();
        printMemory(m, weights, context, out);
    }

    private static void printMemory(GgufMetadata m, long weights, Integer context, PrintStream out) {
        String arch = m.getString("general.architecture").orElse(null);
        out.println("Memory estimate:");
        out.println("  weights (memory-mapped, read from the file):  " + bytes(weights));
        if (arch == null) {
            out.println("  KV cache: not estimated (general.architecture is missing)");
            return;
        }
        try {
            int layers = m.requireInt(arch + ".block_count", "the KV-cache estimate needs it");
            if (layers <= 0) {
                throw new GgufFormatException(m.source(), arch + ".block_count is " + layers + "; a model needs at least one layer");
            }
            int embd = m.requireInt(arch + ".embedding_length", "the KV-cache estimate needs it");
            int[] heads = perLayer(m, arch + ".attention.head_count", layers, null);
            int[] kvHeads = perLayer(m, arch + ".attention.head_count_kv", layers, heads);
            int headDim = heads[0] == 0 ? 0 : embd / heads[0];
            int keyLength = m.getInt(arch + ".attention.key_length", headDim);
            int valueLength = m.getInt(arch + ".attention.value_length", headDim);
            int trained = m.getInt(arch + ".context_length", DEFAULT_CONTEXT);
            int ctx = context != null ? context : Math.min(trained, DEFAULT_CONTEXT);
            long perToken = 0;
            for (int l = 0; l < layers; l++) {
                perToken += (long) kvHeads[l] * (keyLength + valueLength) * KV_BYTES_PER_ELEMENT;
            }
            long kv = perToken * ctx;
            out.println("  KV cache (f16, " + ctx + " tokens of " + trained + " trained; " + layers + " layers, "
                    + (kvHeads[0]) + " KV heads, K " + keyLength + " + V " + valueLength + " dims):  " + bytes(kv));
            out.println("  total (excluding activations and the runtime itself):  " + bytes(weights + kv));
        } catch (GgufFormatException e) {
            out.println("  KV cache: not estimated (" + e.getMessage() + ")");
        }
    }

    /** A per-layer count that GGUF stores either as one integer or as an array with one value per layer. */
    private static int[] perLayer(GgufMetadata m, String key, int layers, int[] fallback) {
        GgufEntry e = m.entry(key).orElse(null);
        if (e == null) {
            if (fallback != null) {
                return fallback;
            }
            m.requireInt(key, "the KV-cache estimate needs it");
        }
        if (e != null && e.value() instanceof GgufArray) {
            int[] values = m.requireIntArray(key);
            if (values.length != layers) {
                throw new GgufFormatException(m.source(), "metadata key '" + key + "' has " + values.length + " values for " + layers + " layers");
            }
            return values;
        }
        int[] out = new int[layers];
        Arrays.fill(out, m.requireInt(key));
        return out;
    }

    private static String typeOf(GgufEntry e) {
        return e.value() instanceof GgufArray a ? a.elementType() + "[" + a.length() + "]" : e.type().name();
    }

    /** "1.50 MiB (1572864 bytes)". */
    static String bytes(long n) {
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        if (n < 1024) {
            return n + " bytes";
        }
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format("%.2f %s (%d bytes)", v, units[u], n);
    }
}
