package dev.guild.runtime.gguf;

import dev.guild.runtime.gguf.internal.GgufParser;
import dev.guild.runtime.gguf.internal.HeaderEncoder;
import dev.guild.runtime.tensor.GgmlType;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes GGUF version 3 files the way llama.cpp's {@code gguf.cpp} requires them: header, metadata in
 * insertion order, tensor infos, padding to the alignment, then the tensors densely packed in the
 * order they were added, each padded to the alignment (so each info's offset equals the sum of the
 * padded sizes before it). Tensor bytes are copied once, straight from the caller's array, segment or
 * {@link TensorSource} into the mapped output file.
 *
 * <pre>{@code
 * GgufWriter w = GgufWriter.create();
 * w.metadata().putString("general.architecture", "llama").putU32("llama.block_count", 2);
 * w.addTensor("token_embd.weight", GgmlType.F32, new long[] {64, 300}, bytes);
 * w.write(path);
 * }</pre>
 *
 * Not thread-safe. Argument errors are {@link IllegalArgumentException}s that name the tensor or key.
 */
public final class GgufWriter {

    /** Produces a tensor's bytes directly into the output file. */
    @FunctionalInterface
    public interface TensorSource {
        /**
         * Writes the tensor's raw ggml bytes into {@code target}: exactly the tensor's byte size, zero-filled
         * beforehand (bytes left untouched stay zero; on file systems with sparse files they take no disk).
         */
        void fill(MemorySegment target) throws IOException;
    }

    private record Pending(String name, GgmlType type, long[] dims, long bytes, TensorSource source) {
    }

    private static final ValueLayout.OfFloat F32_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** llama.cpp rejects names of GGML_MAX_NAME (64) bytes or more. */
    private static final int MAX_NAME_BYTES = GgufParser.MAX_TENSOR_NAME_BYTES - 1;

    private final GgufMetadata.Builder metadata = GgufMetadata.builder();
    private final List<Pending> tensors = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    private GgufWriter() {
    }

    public static GgufWriter create() {
        return new GgufWriter();
    }

    /** The metadata to write, in insertion order; add entries through it. */
    public GgufMetadata.Builder metadata() {
        return metadata;
    }

    /** Adds every entry of {@code source} to the metadata (for example to rewrite a file). */
    public GgufWriter metadata(GgufMetadata source) {
        metadata.putAll(source);
        return this;
    }

    /** Sets {@code general.alignment} (a UINT32 power of two; 32 when not set). */
    public GgufWriter alignment(int alignment) {
        checkAlignment(alignment);
        metadata.putU32(GgufParser.ALIGNMENT_KEY, alignment);
        return this;
    }

    /** Adds a tensor whose raw ggml bytes are {@code data} (not copied until {@link #write}). */
    public GgufWriter addTensor(String name, GgmlType type, long[] dims, byte[] data) {
        long bytes = check(name, type, dims, data.length);
        return add(new Pending(name, type, dims.clone(), bytes, target -> MemorySegment.copy(MemorySegment.ofArray(data), 0, target, 0, bytes)));
    }

    /** Adds a tensor whose raw ggml bytes are {@code data}, for example a tensor of another {@link GgufFile}. */
    public GgufWriter addTensor(String name, GgmlType type, long[] dims, MemorySegment data) {
        long bytes = check(name, type, dims, data.byteSize());
        return add(new Pending(name, type, dims.clone(), bytes, target -> MemorySegment.copy(data, 0, target, 0, bytes)));
    }

    /** Adds a tensor whose bytes {@code source} writes during {@link #write}. */
    public GgufWriter addTensor(String name, GgmlType type, long[] dims, TensorSource source) {
        long bytes = check(name, type, dims, -1);
        return add(new Pending(name, type, dims.clone(), bytes, source));
    }

    /** Adds an F32 tensor from {@code values} (ggml order: {@code dims[0]} innermost). */
    public GgufWriter addF32Tensor(String name, long[] dims, float[] values) {
        long bytes = check(name, GgmlType.F32, dims, 4L * values.length);
        return add(new Pending(name, GgmlType.F32, dims.clone(), bytes,
                target -> MemorySegment.copy(values, 0, target, F32_LE, 0, values.length)));
    }

    /**
     * Writes the file; returns its size in bytes. The file is written beside {@code path} under a
     * temporary name and then moved over it, so a reader that has the old file mapped keeps a valid
     * mapping and a failure leaves no partial file behind.
     */
    public long write(Path path) throws IOException {
        int alignment = alignmentOf(metadata.build());
        List<HeaderEncoder.TensorInfo> infos = new ArrayList<>(tensors.size());
        long[] offsets = new long[tensors.size()];
        long running = 0;
        for (int i = 0; i < tensors.size(); i++) {
            Pending t = tensors.get(i);
            offsets[i] = running;
            infos.add(new HeaderEncoder.TensorInfo(t.name(), t.type(), t.dims(), running));
            running += GgufParser.pad(t.bytes(), alignment);
        }
        byte[] header = HeaderEncoder.encode(metadata.build().entries(), infos);
        long dataStart = GgufParser.pad(header.length, alignment);
        long total = dataStart + running;
        Path absolute = path.toAbsolutePath();
        // Not Files.createTempFile: that makes the file owner-only (0600); this one gets the usual permissions.
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".partial");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
                 Arena arena = Arena.ofConfined()) {
                MemorySegment file = channel.map(FileChannel.MapMode.READ_WRITE, 0, total, arena);
                MemorySegment.copy(MemorySegment.ofArray(header), 0, file, 0, header.length);
                for (int i = 0; i < tensors.size(); i++) {
                    Pending t = tensors.get(i);
                    t.source().fill(file.asSlice(dataStart + offsets[i], t.bytes()));
                }
                file.force();
            }
            move(temp, absolute);
        } finally {
            Files.deleteIfExists(temp);
        }
        return total;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private GgufWriter add(Pending p) {
        tensors.add(p);
        names.add(p.name());
        return this;
    }

    /** Checks a tensor's name, dims and (when {@code actualBytes >= 0}) data size; returns its byte size. */
    private long check(String name, GgmlType type, long[] dims, long actualBytes) {
        if (name == null || type == null || dims == null) {
            throw new IllegalArgumentException("a tensor needs a name, a type and dims, got " + name + ", " + type + ", " + Arrays.toString(dims));
        }
        int nameBytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (nameBytes > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("tensor name '" + name + "' is " + nameBytes + " bytes; llama.cpp accepts at most " + MAX_NAME_BYTES);
        }
        if (names.contains(name)) {
            throw new IllegalArgumentException("tensor '" + name + "' was already added; tensor names must be unique");
        }
        if (dims.length > GgufParser.MAX_DIMS) {
            throw new IllegalArgumentException("tensor '" + name + "' has " + dims.length + " dims " + Arrays.toString(dims) + "; GGUF allows at most " + GgufParser.MAX_DIMS);
        }
        long elements = 1;
        for (long d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor '" + name + "' has a negative dimension: " + Arrays.toString(dims));
            }
            elements = Math.multiplyExact(elements, d);
        }
        if (dims.length > 0 && dims[0] % type.blockSize() != 0) {
            throw new IllegalArgumentException("tensor '" + name + "' has rows of " + dims[0] + " elements (dims " + Arrays.toString(dims)
                    + "), not a multiple of the " + type + " block size " + type.blockSize());
        }
        long bytes = type.bytesFor(elements);
        if (actualBytes >= 0 && actualBytes != bytes) {
            throw new IllegalArgumentException("tensor '" + name + "' " + type + " " + Arrays.toString(dims) + " needs " + bytes
                    + " bytes, got " + actualBytes);
        }
        return bytes;
    }

    private static int alignmentOf(GgufMetadata m) {
        return m.entry(GgufParser.ALIGNMENT_KEY).map(e -> {
            if (e.type() != GgufValueType.UINT32) {
                throw new IllegalArgumentException(GgufParser.ALIGNMENT_KEY + " must be a UINT32 (llama.cpp rejects other types), got " + e.type());
            }
            return checkAlignment(((Number) e.value()).longValue());
        }).orElse(GgufParser.DEFAULT_ALIGNMENT);
    }

    private static int checkAlignment(long alignment) {
        if (alignment <= 0 || Long.bitCount(alignment) != 1 || alignment > 1L << 30) {
            throw new IllegalArgumentException("GGUF alignment must be a power of two between 1 and 2^30, got " + alignment);
        }
        return (int) alignment;
    }
}
