package dev.guild.runtime.gguf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The key-value metadata of a GGUF file, in file order. {@link #asMap()} gives every value in the Java
 * representation documented on {@link GgufValueType}; the typed accessors convert and check:
 * <ul>
 *   <li>{@code getX(key)} returns empty when the key is absent,</li>
 *   <li>{@code getX(key, default)} returns the default when the key is absent,</li>
 *   <li>{@code requireX(key)} / {@code requireX(key, why)} fail when the key is absent,</li>
 * </ul>
 * and all of them throw {@link GgufFormatException} (naming the key, the file, and what was found)
 * when the key holds a value of another type. Integer accessors accept any integer type whose value
 * fits; float accessors accept FLOAT32 and FLOAT64.
 *
 * <p>Arrays returned by {@link #asMap()} and {@link GgufEntry} are shared, not copied: do not modify
 * them. The typed array accessors return copies.
 */
public final class GgufMetadata {
    private static final int MAX_VALUE_PREVIEW = 60;

    private final String source;
    private final Map<String, GgufEntry> entries;
    private final Map<String, Object> javaValues;

    private GgufMetadata(String source, Map<String, GgufEntry> entries) {
        this.source = source;
        this.entries = Collections.unmodifiableMap(entries);
        Map<String, Object> values = new LinkedHashMap<>();
        entries.forEach((k, e) -> values.put(k, e.javaValue()));
        this.javaValues = Collections.unmodifiableMap(values);
    }

    /**
     * Metadata made of {@code entries}; {@code source} names where it came from (a file path) in error
     * messages. Keys must be unique.
     */
    public static GgufMetadata of(String source, List<GgufEntry> entries) {
        Map<String, GgufEntry> map = new LinkedHashMap<>();
        for (GgufEntry e : entries) {
            if (map.putIfAbsent(e.key(), e) != null) {
                throw new IllegalArgumentException("duplicate GGUF metadata key '" + e.key() + "' in " + source);
            }
        }
        return new GgufMetadata(source, map);
    }

    /** A builder for metadata, for example to write a file with {@link GgufWriter}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Where this metadata came from (the file path), as used in error messages. */
    public String source() {
        return source;
    }

    /** Every key and its value in the Java representation of {@link GgufValueType}, in file order. */
    public Map<String, Object> asMap() {
        return javaValues;
    }

    /** Every entry with its GGUF type, in file order. */
    public List<GgufEntry> entries() {
        return List.copyOf(entries.values());
    }

    public Optional<GgufEntry> entry(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    public int size() {
        return entries.size();
    }

    // ---- strings and booleans

    public Optional<String> getString(String key) {
        return get(key, "a STRING", e -> e.value() instanceof String s ? s : null);
    }

    public String getString(String key, String defaultValue) {
        return getString(key).orElse(defaultValue);
    }

    public String requireString(String key) {
        return require(key, getString(key), null);
    }

    public String requireString(String key, String why) {
        return require(key, getString(key), why);
    }

    public Optional<Boolean> getBoolean(String key) {
        return get(key, "a BOOL", e -> e.value() instanceof Boolean b ? b : null);
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        return getBoolean(key).orElse(defaultValue);
    }

    public boolean requireBoolean(String key) {
        return require(key, getBoolean(key), null);
    }

    public boolean requireBoolean(String key, String why) {
        return require(key, getBoolean(key), why);
    }

    // ---- numbers

    /** An integer of any GGUF integer type that fits in an {@code int}. */
    public Optional<Integer> getInt(String key) {
        return getLong(key).map(v -> {
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new GgufFormatException(source, "metadata key '" + key + "' is " + entries.get(key).type() + " " + v
                        + ", which does not fit in a 32-bit int");
            }
            return v.intValue();
        });
    }

    public int getInt(String key, int defaultValue) {
        return getInt(key).orElse(defaultValue);
    }

    public int requireInt(String key) {
        return require(key, getInt(key), null);
    }

    public int requireInt(String key, String why) {
        return require(key, getInt(key), why);
    }

    /** An integer of any GGUF integer type (a UINT64 above Long.MAX_VALUE reads as negative). */
    public Optional<Long> getLong(String key) {
        return get(key, "an integer", e -> e.type().isInteger() ? ((Number) e.value()).longValue() : null);
    }

    public long getLong(String key, long defaultValue) {
        return getLong(key).orElse(defaultValue);
    }

    public long requireLong(String key) {
        return require(key, getLong(key), null);
    }

    public long requireLong(String key, String why) {
        return require(key, getLong(key), why);
    }

    /** A FLOAT32, or a FLOAT64 rounded to float. */
    public Optional<Float> getFloat(String key) {
        return getDouble(key).map(Double::floatValue);
    }

    public float getFloat(String key, float defaultValue) {
        return getFloat(key).orElse(defaultValue);
    }

    public float requireFloat(String key) {
        return require(key, getFloat(key), null);
    }

    public float requireFloat(String key, String why) {
        return require(key, getFloat(key), why);
    }

    /** A FLOAT64 or FLOAT32. */
    public Optional<Double> getDouble(String key) {
        return get(key, "a FLOAT32 or FLOAT64", e -> switch (e.value()) {
            case Float f -> f.doubleValue();
            case Double d -> d;
            default -> null;
        });
    }

    public double getDouble(String key, double defaultValue) {
        return getDouble(key).orElse(defaultValue);
    }

    public double requireDouble(String key) {
        return require(key, getDouble(key), null);
    }

    public double requireDouble(String key, String why) {
        return require(key, getDouble(key), why);
    }

    // ---- arrays

    @SuppressWarnings("unchecked")
    public Optional<List<String>> getStringList(String key) {
        return get(key, "an ARRAY of STRING", e -> e.elementType() == GgufValueType.STRING ? (List<String>) e.javaValue() : null);
    }

    public List<String> requireStringList(String key) {
        return require(key, getStringList(key), null);
    }

    public List<String> requireStringList(String key, String why) {
        return require(key, getStringList(key), why);
    }

    /** A copy of an ARRAY of FLOAT32. */
    public Optional<float[]> getFloatArray(String key) {
        return get(key, "an ARRAY of FLOAT32",
                e -> e.elementType() == GgufValueType.FLOAT32 ? ((float[]) e.javaValue()).clone() : null);
    }

    public float[] requireFloatArray(String key) {
        return require(key, getFloatArray(key), null);
    }

    public float[] requireFloatArray(String key, String why) {
        return require(key, getFloatArray(key), why);
    }

    /** A copy of an ARRAY of UINT8, INT8, UINT16, INT16, UINT32 or INT32. */
    public Optional<int[]> getIntArray(String key) {
        return get(key, "an ARRAY of 8-, 16- or 32-bit integers",
                e -> e.javaValue() instanceof int[] a ? a.clone() : null);
    }

    public int[] requireIntArray(String key) {
        return require(key, getIntArray(key), null);
    }

    public int[] requireIntArray(String key, String why) {
        return require(key, getIntArray(key), why);
    }

    /** An ARRAY of any integer type as longs (UINT32 elements converted as unsigned). */
    public Optional<long[]> getLongArray(String key) {
        return get(key, "an ARRAY of integers", e -> {
            if (e.elementType() == null || !e.elementType().isInteger()) {
                return null;
            }
            if (e.javaValue() instanceof long[] a) {
                return a.clone();
            }
            int[] ints = (int[]) e.javaValue();
            long[] out = new long[ints.length];
            boolean unsigned = e.elementType() == GgufValueType.UINT32;
            for (int i = 0; i < ints.length; i++) {
                out[i] = unsigned ? Integer.toUnsignedLong(ints[i]) : ints[i];
            }
            return out;
        });
    }

    public long[] requireLongArray(String key) {
        return require(key, getLongArray(key), null);
    }

    public long[] requireLongArray(String key, String why) {
        return require(key, getLongArray(key), why);
    }

    // ---- helpers

    private <T> Optional<T> get(String key, String expected, Function<GgufEntry, T> convert) {
        GgufEntry e = entries.get(key);
        if (e == null) {
            return Optional.empty();
        }
        T value = convert.apply(e);
        if (value == null) {
            throw new GgufFormatException(source, "metadata key '" + key + "' is " + typeName(e) + " (" + preview(e)
                    + "), expected " + expected);
        }
        return Optional.of(value);
    }

    private <T> T require(String key, Optional<T> value, String why) {
        return value.orElseThrow(() -> new GgufFormatException(source, "metadata key '" + key + "' is missing"
                + (why == null ? "" : "; " + why) + ". " + keysNear(key)));
    }

    private String keysNear(String key) {
        int dot = key.indexOf('.');
        String prefix = dot < 0 ? key : key.substring(0, dot + 1);
        List<String> near = entries.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
        if (near.isEmpty()) {
            return "The file has no key starting with '" + prefix + "' (" + entries.size() + " keys, "
                    + getString("general.architecture").map(a -> "general.architecture = " + a).orElse("no general.architecture") + ")";
        }
        return "Keys starting with '" + prefix + "': " + near.stream().limit(20).collect(Collectors.joining(", "))
                + (near.size() > 20 ? ", ... (" + near.size() + " in all)" : "");
    }

    private static String typeName(GgufEntry e) {
        return e.elementType() == null ? e.type().name() : "an ARRAY of " + e.elementType() + " (" + ((GgufArray) e.value()).length() + " elements)";
    }

    /** A short printable form of an entry's value, for messages and listings. */
    public static String preview(GgufEntry e) {
        String s = switch (e.value()) {
            case String str -> '"' + str.replace("\n", "\\n") + '"';
            case GgufArray a -> previewArray(a);
            default -> e.value().toString();
        };
        return s.length() > MAX_VALUE_PREVIEW ? s.substring(0, MAX_VALUE_PREVIEW) + "..." : s;
    }

    private static String previewArray(GgufArray a) {
        List<String> shown = new ArrayList<>();
        int n = Math.min(a.length(), 8);
        for (int i = 0; i < n; i++) {
            shown.add(switch (a.values()) {
                case int[] v -> Integer.toString(v[i]);
                case long[] v -> Long.toString(v[i]);
                case float[] v -> Float.toString(v[i]);
                case double[] v -> Double.toString(v[i]);
                case boolean[] v -> Boolean.toString(v[i]);
                case List<?> l -> l.get(i) instanceof String str ? '"' + str.replace("\n", "\\n") + '"' : previewArray((GgufArray) l.get(i));
                default -> "?";
            });
        }
        return "[" + String.join(", ", shown) + (a.length() > n ? ", ... " + a.length() + " in all" : "") + "]";
    }

    @Override
    public String toString() {
        return "GgufMetadata[" + source + ", " + entries.size() + " keys]";
    }

    /** Collects metadata entries in insertion order; putting a key again replaces its value in place. */
    public static final class Builder {
        private final Map<String, GgufEntry> entries = new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds (or replaces) one entry; the entry checks that the value fits the type. */
        public Builder put(GgufEntry entry) {
            entries.put(entry.key(), entry);
            return this;
        }

        /** Adds every entry of {@code other}. */
        public Builder putAll(GgufMetadata other) {
            other.entries.values().forEach(this::put);
            return this;
        }

        public Builder remove(String key) {
            entries.remove(key);
            return this;
        }

        public boolean has(String key) {
            return entries.containsKey(key);
        }

        public Builder putU8(String key, int value) { return put(new GgufEntry(key, GgufValueType.UINT8, value)); }
        public Builder putI8(String key, int value) { return put(new GgufEntry(key, GgufValueType.INT8, value)); }
        public Builder putU16(String key, int value) { return put(new GgufEntry(key, GgufValueType.UINT16, value)); }
        public Builder putI16(String key, int value) { return put(new GgufEntry(key, GgufValueType.INT16, value)); }
        public Builder putI32(String key, int value) { return put(new GgufEntry(key, GgufValueType.INT32, value)); }
        public Builder putF32(String key, float value) { return put(new GgufEntry(key, GgufValueType.FLOAT32, value)); }
        public Builder putBool(String key, boolean value) { return put(new GgufEntry(key, GgufValueType.BOOL, value)); }
        public Builder putString(String key, String value) { return put(new GgufEntry(key, GgufValueType.STRING, value)); }
        public Builder putU64(String key, long value) { return put(new GgufEntry(key, GgufValueType.UINT64, value)); }
        public Builder putI64(String key, long value) { return put(new GgufEntry(key, GgufValueType.INT64, value)); }
        public Builder putF64(String key, double value) { return put(new GgufEntry(key, GgufValueType.FLOAT64, value)); }

        /** A UINT32 in 0..2^32-1. */
        public Builder putU32(String key, long value) {
            if (value < 0 || value > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("UINT32 value for GGUF metadata key '" + key + "' must be in 0..4294967295, got " + value);
            }
            Object v = value <= Integer.MAX_VALUE ? (Object) (int) value : (Object) value;
            return put(new GgufEntry(key, GgufValueType.UINT32, v));
        }

        /** An array; see {@link GgufArray} for the representation of each element type. */
        public Builder putArray(String key, GgufValueType elementType, Object values) {
            return put(new GgufEntry(key, GgufValueType.ARRAY, new GgufArray(elementType, values)));
        }

        public Builder putStringArray(String key, List<String> values) { return putArray(key, GgufValueType.STRING, values); }
        public Builder putF32Array(String key, float[] values) { return putArray(key, GgufValueType.FLOAT32, values); }
        public Builder putF64Array(String key, double[] values) { return putArray(key, GgufValueType.FLOAT64, values); }
        public Builder putI32Array(String key, int[] values) { return putArray(key, GgufValueType.INT32, values); }
        public Builder putU32Array(String key, int[] values) { return putArray(key, GgufValueType.UINT32, values); }
        public Builder putI64Array(String key, long[] values) { return putArray(key, GgufValueType.INT64, values); }
        public Builder putU64Array(String key, long[] values) { return putArray(key, GgufValueType.UINT64, values); }
        public Builder putBoolArray(String key, boolean[] values) { return putArray(key, GgufValueType.BOOL, values); }

        /** Metadata with the entries put so far; {@link GgufMetadata#source()} is "(built in memory)". */
        public GgufMetadata build() {
            return new GgufMetadata("(built in memory)", new LinkedHashMap<>(entries));
        }
    }
}
