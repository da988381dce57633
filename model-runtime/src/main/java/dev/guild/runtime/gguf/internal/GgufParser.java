package dev.guild.runtime.gguf.internal;

import dev.guild.runtime.gguf.GgufArray;
import dev.guild.runtime.gguf.GgufEntry;
import dev.guild.runtime.gguf.GgufFile;
import dev.guild.runtime.gguf.GgufMetadata;
import dev.guild.runtime.gguf.GgufTensor;
import dev.guild.runtime.gguf.GgufValueType;
import dev.guild.runtime.tensor.GgmlType;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Parses the GGUF header, metadata and tensor infos of a mapped file, checking every rule of the format. */
public final class GgufParser {
    /** "GGUF" as the first four bytes. */
    public static final byte[] MAGIC = {'G', 'G', 'U', 'F'};
    /** The version Guild writes; version 2 has the same little-endian layout and is read too. */
    public static final int VERSION = 3;
    public static final int DEFAULT_ALIGNMENT = 32;
    public static final String ALIGNMENT_KEY = "general.alignment";
    /** GGML_MAX_DIMS. */
    public static final int MAX_DIMS = 4;
    /** The GGUF specification limits tensor names to 64 bytes. */
    public static final int MAX_TENSOR_NAME_BYTES = 64;
    static final int MAX_KEY_BYTES = 65535;
    static final int MAX_ARRAY_NESTING = 8;
    /** Smallest possible tensor info: empty name (8), n_dims (4), type (4), offset (8). */
    private static final int MIN_TENSOR_INFO_BYTES = 24;
    /** Smallest possible key-value pair: empty key (8), type (4), one-byte value (1). */
    private static final int MIN_KV_BYTES = 13;

    /** What the parser found: everything but the mapping itself. */
    public record Result(int version, GgufMetadata metadata, int alignment, long dataStart, List<GgufTensor> tensors) {
    }

    private record TensorInfo(String name, GgmlType type, long[] dims, long elements, long offset) {
    }

    private final SegmentReader in;
    private final GgufFile.TypePolicy policy;

    private GgufParser(MemorySegment file, String name, GgufFile.TypePolicy policy) {
        this.in = new SegmentReader(file, name);
        this.policy = policy;
    }

    /** Parses {@code file} (a whole mapped GGUF file) named {@code name} in error messages. */
    public static Result parse(MemorySegment file, String name, GgufFile.TypePolicy policy) {
        return new GgufParser(file, name, policy).parse();
    }

    /** {@code offset} rounded up to a multiple of {@code alignment}. */
    public static long pad(long offset, long alignment) {
        return (offset + alignment - 1) / alignment * alignment;
    }

    private Result parse() {
        readMagic();
        int version = readVersion();
        long tensorCount = in.i64("tensor count");
        long kvCount = in.i64("metadata key-value count");
        if (kvCount < 0 || kvCount > in.remaining() / MIN_KV_BYTES) {
            throw in.error("absurd metadata key-value count " + Long.toUnsignedString(kvCount) + " at offset 16: the remaining "
                    + in.remaining() + " bytes cannot hold that many entries (at least " + MIN_KV_BYTES + " bytes each); the file is truncated or its header is corrupt");
        }
        GgufMetadata metadata = readMetadata((int) kvCount);
        if (tensorCount < 0 || tensorCount > in.remaining() / MIN_TENSOR_INFO_BYTES) {
            throw in.error("absurd tensor count " + Long.toUnsignedString(tensorCount) + " at offset 8: the remaining "
                    + in.remaining() + " bytes after the metadata cannot hold that many tensor infos (at least "
                    + MIN_TENSOR_INFO_BYTES + " bytes each); the file is truncated or its header is corrupt");
        }
        int alignment = alignment(metadata);
        List<TensorInfo> infos = readTensorInfos((int) tensorCount, alignment);
        long dataStart = pad(in.position(), alignment);
        if (!infos.isEmpty() && dataStart > in.size()) {
            throw in.error("file is truncated: the data section starts at offset " + dataStart + " (end of the tensor infos at "
                    + in.position() + ", aligned to " + alignment + ") but the file has only " + in.size() + " bytes");
        }
        return new Result(version, metadata, alignment, dataStart, locate(infos, alignment, dataStart));
    }

    private void readMagic() {
        byte[] magic = in.bytes(4, "the magic number (the first 4 bytes, 'GGUF')");
        if (!Arrays.equals(magic, MAGIC)) {
            throw in.error("not a GGUF file: the first 4 bytes are " + HexFormat.ofDelimiter(" ").formatHex(magic) + " ('"
                    + printable(magic) + "'), expected 47 47 55 46 ('GGUF'); pass a .gguf file (convert other formats with llama.cpp's convert_hf_to_gguf.py)");
        }
    }

    private int readVersion() {
        int version = in.i32("the version");
        if (version == 2 || version == VERSION) {
            return version;
        }
        if (version == 1) {
            throw in.error("GGUF version 1 is not supported (it used 32-bit counts and was replaced in 2023); convert the model again with a current llama.cpp");
        }
        if (Integer.reverseBytes(version) == 2 || Integer.reverseBytes(version) == 3) {
            throw in.error("GGUF version field is " + version + " (0x" + Integer.toHexString(version)
                    + "): this is a big-endian GGUF file; Guild reads little-endian files only, convert it with llama.cpp's gguf tools");
        }
        throw in.error("unsupported GGUF version " + Integer.toUnsignedString(version) + "; supported versions: 2 and 3");
    }

    private GgufMetadata readMetadata(int count) {
        List<GgufEntry> entries = new ArrayList<>(Math.min(count, 1 << 16));
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < count; i++) {
            long at = in.position();
            String key = in.string("the key of metadata entry #" + i, MAX_KEY_BYTES);
            Integer previous = seen.putIfAbsent(key, i);
            if (previous != null) {
                throw in.error("duplicate metadata key '" + key + "' at offset " + at + " (entries #" + previous + " and #" + i + "); the file is corrupt");
            }
            GgufValueType type = valueType(in.i32("the value type of metadata key '" + key + "'"), key);
            entries.add(new GgufEntry(key, type, readValue(type, key, 0)));
        }
        return GgufMetadata.of(in.file(), entries);
    }

    private GgufValueType valueType(int id, String key) {
        return GgufValueType.fromId(id).orElseThrow(() -> in.error("metadata key '" + key + "' has unknown value type id "
                + Integer.toUnsignedString(id) + " at offset " + (in.position() - 4) + "; known: " + GgufValueType.knownIds()));
    }

    private Object readValue(GgufValueType type, String key, int depth) {
        String what = "the value of metadata key '" + key + "'";
        return switch (type) {
            case UINT8 -> in.u8(what);
            case INT8 -> (int) (byte) in.u8(what);
            case UINT16 -> Short.toUnsignedInt(in.i16(what));
            case INT16 -> (int) in.i16(what);
            case UINT32 -> {
                int v = in.i32(what);
                yield v >= 0 ? (Object) v : (Object) Integer.toUnsignedLong(v);
            }
            case INT32 -> in.i32(what);
            case FLOAT32 -> in.f32(what);
            case FLOAT64 -> in.f64(what);
            case UINT64, INT64 -> in.i64(what);
            case BOOL -> bool(in.u8(what), key);
            case STRING -> in.string(what, Long.MAX_VALUE);
            case ARRAY -> readArray(key, depth);
        };
    }

    private boolean bool(int b, String key) {
        if (b > 1) {
            throw in.error("BOOL value of metadata key '" + key + "' at offset " + (in.position() - 1) + " is " + b + "; a GGUF bool is 0 or 1");
        }
        return b == 1;
    }

    private GgufArray readArray(String key, int depth) {
        if (depth >= MAX_ARRAY_NESTING) {
            throw in.error("metadata key '" + key + "' nests arrays deeper than " + MAX_ARRAY_NESTING + " levels at offset " + in.position());
        }
        GgufValueType elementType = valueType(in.i32("the element type of array '" + key + "'"), key);
        long at = in.position();
        long count = in.i64("the length of array '" + key + "'");
        if (count < 0 || count > in.remaining() / elementType.minBytes()) {
            throw in.error("absurd array length " + Long.toUnsignedString(count) + " for metadata key '" + key + "' at offset " + at
                    + ": only " + in.remaining() + " bytes remain, and each " + elementType + " element takes at least "
                    + elementType.minBytes() + "; the file is truncated or corrupt");
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw in.error("array '" + key + "' has " + count + " elements, more than a Java array can hold");
        }
        int n = (int) count;
        String what = "the elements of array '" + key + "'";
        Object values = switch (elementType) {
            case UINT8, INT8, BOOL -> {
                byte[] raw = in.bytes(n, what);
                if (elementType == GgufValueType.BOOL) {
                    boolean[] out = new boolean[n];
                    for (int i = 0; i < n; i++) {
                        out[i] = bool(raw[i] & 0xFF, key + "[" + i + "]");
                    }
                    yield out;
                }
                int[] out = new int[n];
                for (int i = 0; i < n; i++) {
                    out[i] = elementType == GgufValueType.UINT8 ? raw[i] & 0xFF : raw[i];
                }
                yield out;
            }
            case UINT16, INT16 -> {
                int[] out = new int[n];
                for (int i = 0; i < n; i++) {
                    short s = in.i16(what);
                    out[i] = elementType == GgufValueType.UINT16 ? Short.toUnsignedInt(s) : s;
                }
                yield out;
            }
            case UINT32, INT32 -> in.array(new int[n], SegmentReader.I32, n, what);
            case UINT64, INT64 -> in.array(new long[n], SegmentReader.I64, n, what);
            case FLOAT32 -> in.array(new float[n], SegmentReader.F32, n, what);
            case FLOAT64 -> in.array(new double[n], SegmentReader.F64, n, what);
            case STRING -> {
                List<String> out = new ArrayList<>(n);
                String element = "an element of string array '" + key + "'";
                for (int i = 0; i < n; i++) {
                    out.add(in.string(element, Long.MAX_VALUE));
                }
                yield out;
            }
            case ARRAY -> {
                List<GgufArray> out = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    out.add(readArray(key, depth + 1));
                }
                yield out;
            }
        };
        return new GgufArray(elementType, values);
    }

    private int alignment(GgufMetadata metadata) {
        return metadata.entry(ALIGNMENT_KEY).map(e -> {
            if (e.type() != GgufValueType.UINT32) {
                throw in.error(ALIGNMENT_KEY + " must be a UINT32, found " + e.type() + " (" + GgufMetadata.preview(e) + ")");
            }
            long a = ((Number) e.value()).longValue();
            if (a == 0 || Long.bitCount(a) != 1 || a > 1L << 30) {
                throw in.error(ALIGNMENT_KEY + " is " + a + "; it must be a power of two between 1 and 2^30 (the default is "
                        + DEFAULT_ALIGNMENT + ")");
            }
            return (int) a;
        }).orElse(DEFAULT_ALIGNMENT);
    }

    private List<TensorInfo> readTensorInfos(int count, int alignment) {
        List<TensorInfo> infos = new ArrayList<>(Math.min(count, 1 << 16));
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < count; i++) {
            long at = in.position();
            String name = in.string("the name of tensor info #" + i, MAX_TENSOR_NAME_BYTES);
            Integer previous = seen.putIfAbsent(name, i);
            if (previous != null) {
                throw in.error("duplicate tensor name '" + name + "' at offset " + at + " (tensor infos #" + previous + " and #" + i + "); the file is corrupt");
            }
            int nDims = in.i32("the number of dimensions of tensor '" + name + "'");
            if (nDims < 0 || nDims > MAX_DIMS) {
                throw in.error("tensor '" + name + "' has n_dims = " + Integer.toUnsignedString(nDims) + " at offset "
                        + (in.position() - 4) + "; GGUF allows at most " + MAX_DIMS);
            }
            long[] dims = new long[nDims];
            long elements = 1;
            for (int d = 0; d < nDims; d++) {
                dims[d] = in.i64("dimension " + d + " of tensor '" + name + "'");
                if (dims[d] < 0) {
                    throw in.error("dimension " + d + " of tensor '" + name + "' is " + Long.toUnsignedString(dims[d]) + ", beyond 2^63");
                }
                try {
                    elements = Math.multiplyExact(elements, dims[d]);
                } catch (ArithmeticException overflow) {
                    throw in.error("tensor '" + name + "' has dimensions " + Arrays.toString(Arrays.copyOf(dims, d + 1))
                            + " whose product overflows 64 bits; the tensor info is corrupt");
                }
            }
            GgmlType type = tensorType(in.i32("the type of tensor '" + name + "'"), name);
            if (nDims > 0 && dims[0] % type.blockSize() != 0) {
                throw in.error("tensor '" + name + "' has rows of " + dims[0] + " elements, not a multiple of the " + type
                        + " block size " + type.blockSize());
            }
            long offset = in.i64("the data offset of tensor '" + name + "'");
            infos.add(new TensorInfo(name, type, dims, elements, offset));
        }
        return infos;
    }

    private GgmlType tensorType(int id, String name) {
        GgmlType type;
        try {
            type = GgmlType.fromId(id);
        } catch (IllegalArgumentException unknown) {
            throw in.error("tensor '" + name + "' has " + unknown.getMessage());
        }
        if (policy == GgufFile.TypePolicy.SUPPORTED_ONLY && !type.supported()) {
            throw in.error("tensor '" + name + "' has type " + type + " (id " + id + "), which Guild cannot compute with; supported types: "
                    + GgmlType.supportedNames() + "; quantize the model to one of them (llama-quantize)");
        }
        return type;
    }

    private List<GgufTensor> locate(List<TensorInfo> infos, int alignment, long dataStart) {
        MemorySegment file = in.segment();
        List<GgufTensor> tensors = new ArrayList<>(infos.size());
        for (TensorInfo t : infos) {
            long bytes = t.type().bytesFor(t.elements());
            if (t.offset() < 0 || t.offset() > in.size() - dataStart || bytes > in.size() - dataStart - t.offset()) {
                throw in.error("tensor '" + t.name() + "' (" + t.type() + " " + Arrays.toString(t.dims()) + ", " + bytes
                        + " bytes) at data offset " + Long.toUnsignedString(t.offset()) + " lies outside the file: the data section starts at "
                        + dataStart + " and the file has " + in.size() + " bytes; the file is truncated or the tensor info is corrupt");
            }
            if (t.offset() % alignment != 0) {
                throw in.error("tensor '" + t.name() + "' starts at data offset " + t.offset() + ", which is not a multiple of the alignment "
                        + alignment + "; the file is corrupt");
            }
            long at = dataStart + t.offset();
            tensors.add(new GgufTensor(t.name(), t.type(), t.dims(), t.offset(), at, file.asSlice(at, bytes)));
        }
        return tensors;
    }

    private static String printable(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (char c : new String(bytes, StandardCharsets.ISO_8859_1).toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7f ? c : '.');
        }
        return sb.toString();
    }
}
