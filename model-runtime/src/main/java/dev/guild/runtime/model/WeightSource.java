package dev.guild.runtime.model;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a model's metadata and tensors come from: a GGUF file, or tensors built in memory by a
 * test. Metadata values are GGUF typed values boxed as Java objects (numbers, Boolean, String,
 * lists or arrays).
 */
public interface WeightSource {

    /** All metadata key/value pairs, for example {@code general.architecture}. */
    Map<String, Object> metadata();

    /** The tensor called {@code name}, if the source has it. */
    Optional<TensorData> tensor(String name);

    /** A source over the given metadata and tensor lookup. */
    static WeightSource of(Map<String, Object> metadata, Function<String, Optional<TensorData>> tensors) {
        return new WeightSource() {
            @Override
            public Map<String, Object> metadata() {
                return metadata;
            }

            @Override
            public Optional<TensorData> tensor(String name) {
                return tensors.apply(name);
            }
        };
    }
}
