package dev.guild.runtime.gguf;

import dev.guild.runtime.gguf.internal.GgufParser;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A GGUF file (version 3, or 2 which has the same layout) mapped read-only into memory through
 * {@code java.lang.foreign}: one {@link MemorySegment} for the whole file, any size, tensors as
 * zero-copy slices of it. Opening parses and checks the header, metadata and tensor infos; any
 * problem is a {@link GgufFormatException} that names the file, the part and the offset.
 *
 * <p>The mapping is shared: tensors may be read from any thread until {@link #close()}, after which
 * reading their data fails with {@link IllegalStateException}.
 */
public final class GgufFile implements AutoCloseable {

    /** Which tensor types {@link #open(Path, TypePolicy)} accepts. */
    public enum TypePolicy {
        /** Only types Guild can compute with ({@link dev.guild.runtime.tensor.GgmlType#supported()}); others fail with the list. */
        SUPPORTED_ONLY,
        /** Every type {@link dev.guild.runtime.tensor.GgmlType} knows, for inspecting files (the {@code info} command). */
        ANY_KNOWN
    }

    private final Path path;
    private final Arena arena;
    private final MemorySegment segment;
    private final GgufParser.Result parsed;
    private final Map<String, GgufTensor> byName;

    private GgufFile(Path path, Arena arena, MemorySegment segment, GgufParser.Result parsed) {
        this.path = path;
        this.arena = arena;
        this.segment = segment;
        this.parsed = parsed;
        Map<String, GgufTensor> map = new LinkedHashMap<>();
        parsed.tensors().forEach(t -> map.put(t.name(), t));
        this.byName = Collections.unmodifiableMap(map);
    }

    /** Opens and checks {@code path}, accepting only tensor types Guild supports. */
    public static GgufFile open(Path path) throws IOException {
        return open(path, TypePolicy.SUPPORTED_ONLY);
    }

    /**
     * Opens and checks {@code path}.
     *
     * @throws IOException if the file cannot be opened or mapped
     * @throws GgufFormatException if it is not a well-formed GGUF file (or has a type {@code policy} refuses)
     */
    public static GgufFile open(Path path, TypePolicy policy) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            MemorySegment segment = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
            GgufParser.Result parsed = GgufParser.parse(segment, path.toString(), policy);
            return new GgufFile(path, arena, segment, parsed);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    /** The version in the header (2 or 3). */
    public int version() {
        return parsed.version();
    }

    /** {@code general.alignment}, or 32 when absent. */
    public int alignment() {
        return parsed.alignment();
    }

    /** Offset in the file where the data section (the first tensor) starts. */
    public long dataStart() {
        return parsed.dataStart();
    }

    public long fileSize() {
        return segment.byteSize();
    }

    /** The whole file, read-only. */
    public MemorySegment segment() {
        return segment;
    }

    public GgufMetadata metadata() {
        return parsed.metadata();
    }

    /** {@code general.architecture}, if present. */
    public Optional<String> architecture() {
        return metadata().getString("general.architecture");
    }

    /** Every tensor in file order. */
    public List<GgufTensor> tensors() {
        return parsed.tensors();
    }

    public Optional<GgufTensor> tensor(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The tensor called {@code name}, or an error that says which tensors with the same prefix exist. */
    public GgufTensor requireTensor(String name) {
        GgufTensor t = byName.get(name);
        if (t != null) {
            return t;
        }
        int dot = name.lastIndexOf('.', name.lastIndexOf('.') - 1);
        String prefix = dot < 0 ? "" : name.substring(0, dot + 1);
        List<String> near = byName.keySet().stream().filter(n -> n.startsWith(prefix)).limit(20).toList();
        throw new GgufFormatException(path.toString(), "tensor '" + name + "' is missing (" + byName.size() + " tensors, "
                + architecture().map(a -> "architecture " + a).orElse("no general.architecture") + "); "
                + (near.isEmpty() ? "none starts with '" + prefix + "'" : "tensors starting with '" + prefix + "': "
                + near.stream().collect(Collectors.joining(", "))));
    }

    /** Unmaps the file. Tensor data must not be used afterwards. */
    @Override
    public void close() {
        arena.close();
    }

    @Override
    public String toString() {
        return "GgufFile[" + path + ", v" + version() + ", " + metadata().size() + " keys, " + tensors().size() + " tensors]";
    }
}
