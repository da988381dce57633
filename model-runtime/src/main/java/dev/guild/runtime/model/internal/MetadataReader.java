package dev.guild.runtime.model.internal;

import dev.guild.runtime.model.ModelLoadException;
import java.lang.reflect.Array;
import java.util.List;
import java.util.Map;

/** Typed reads of GGUF metadata, with {@code %s} in a key standing for the architecture name. */
public final class MetadataReader {

    private final Map<String, Object> metadata;
    private final String arch;

    public MetadataReader(Map<String, Object> metadata, String arch) {
        this.metadata = metadata;
        this.arch = arch;
    }

    public String arch() {
        return arch;
    }

    private String key(String pattern) {
        return pattern.replace("%s", arch);
    }

    public boolean has(String pattern) {
        return metadata.containsKey(key(pattern));
    }

    public long requireLong(String pattern) {
        Object v = metadata.get(key(pattern));
        if (v == null) {
            throw new ModelLoadException("metadata key '%s' is required for architecture '%s' but missing; "
                    .formatted(key(pattern), arch) + "re-convert the model with a current llama.cpp convert_hf_to_gguf.py");
        }
        return asNumber(pattern, v).longValue();
    }

    public int requireInt(String pattern) {
        return Math.toIntExact(requireLong(pattern));
    }

    public int intOr(String pattern, int fallback) {
        Object v = metadata.get(key(pattern));
        return v == null ? fallback : Math.toIntExact(asNumber(pattern, v).longValue());
    }

    public float floatOr(String pattern, float fallback) {
        Object v = metadata.get(key(pattern));
        return v == null ? fallback : asNumber(pattern, v).floatValue();
    }

    public float requireFloat(String pattern) {
        if (!has(pattern)) {
            requireLong(pattern); // throws the missing-key error
        }
        return floatOr(pattern, 0f);
    }

    public boolean boolOr(String pattern, boolean fallback) {
        Object v = metadata.get(key(pattern));
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        return asNumber(pattern, v).longValue() != 0;
    }

    public String stringOr(String pattern, String fallback) {
        Object v = metadata.get(key(pattern));
        return v == null ? fallback : v.toString();
    }

    /** Length of an array value (for example {@code tokenizer.ggml.tokens}), or -1 when absent. */
    public int arrayLength(String pattern) {
        Object v = metadata.get(key(pattern));
        if (v == null) {
            return -1;
        }
        if (v instanceof List<?> l) {
            return l.size();
        }
        if (v.getClass().isArray()) {
            return Array.getLength(v);
        }
        throw new ModelLoadException("metadata key '%s' should be an array but is %s".formatted(key(pattern), v));
    }

    private Number asNumber(String pattern, Object v) {
        if (v instanceof Number n) {
            return n;
        }
        throw new ModelLoadException("metadata key '%s' should be a number but is %s (%s)"
                .formatted(key(pattern), v, v.getClass().getSimpleName()));
    }
}
