package dev.guild.runtime.tokenizer.internal;

import dev.guild.runtime.tokenizer.TokenizerException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Typed access to GGUF metadata in the Java mapping of the GGUF reader, with precise errors. */
final class MetadataReader {
    private final Map<String, Object> metadata;

    MetadataReader(Map<String, Object> metadata) {
        if (metadata == null) {
            throw new TokenizerException("GGUF metadata is null; pass the map read from the model file");
        }
        this.metadata = metadata;
    }

    String string(String key, String fallback) {
        Object value = metadata.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof String s) {
            return s;
        }
        throw wrongType(key, value, "a string");
    }

    String requiredString(String key) {
        String value = string(key, null);
        if (value == null) {
            throw new TokenizerException("GGUF metadata has no '" + key + "'; the model file lacks its tokenizer");
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    List<String> strings(String key) {
        Object value = metadata.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof String[] array) {
            value = Arrays.asList(array);
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof String)) {
                    throw new TokenizerException("GGUF metadata '" + key + "'[" + i + "] is " + describe(list.get(i))
                            + ", expected a string; the file's array must be of GGUF type string");
                }
            }
            return (List<String>) list;
        }
        throw wrongType(key, value, "an array of strings");
    }

    float[] floats(String key) {
        Object value = metadata.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof float[] f) {
            return f;
        }
        throw wrongType(key, value, "an array of f32");
    }

    int[] ints(String key) {
        Object value = metadata.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof int[] a) {
            return a;
        }
        throw wrongType(key, value, "an array of 32-bit integers");
    }

    /** An unsigned token id (u32 as Integer or Long), or null when absent. */
    Long tokenId(String key) {
        Object value = metadata.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Integer i) {
            return (long) i;
        }
        if (value instanceof Long l) {
            return l;
        }
        throw wrongType(key, value, "an integer token id");
    }

    Boolean bool(String key) {
        Object value = metadata.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw wrongType(key, value, "a bool");
    }

    private static TokenizerException wrongType(String key, Object value, String expected) {
        return new TokenizerException("GGUF metadata '" + key + "' is " + describe(value) + ", expected " + expected
                + "; rewrite the key with the type llama.cpp uses");
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + abbreviate(String.valueOf(value));
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
