package dev.guild.runtime.download;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The recommended models, read from the {@code catalog.json} resource next to this class. Sizes are
 * approximate (as listed by the repository) and meant for "will it fit" decisions, not verification.
 */
public record ModelCatalog(@JsonProperty("models") List<Entry> models) {

    /**
     * One recommended model.
     *
     * @param name            short name usable as {@code --model}
     * @param repo            Hugging Face repository ({@code org/name})
     * @param file            GGUF file in the repository
     * @param architecture    GGUF {@code general.architecture}
     * @param quantization    quantization of most weights
     * @param approxSizeBytes approximate file size
     * @param licence         SPDX licence of the weights
     * @param isDefault       the model used when none is configured
     * @param notes           what it is good for and what it needs
     */
    public record Entry(@JsonProperty("name") String name, @JsonProperty("repo") String repo,
                        @JsonProperty("file") String file, @JsonProperty("architecture") String architecture,
                        @JsonProperty("quantization") String quantization,
                        @JsonProperty("approxSizeBytes") long approxSizeBytes, @JsonProperty("licence") String licence,
                        @JsonProperty("default") boolean isDefault, @JsonProperty("notes") String notes) {

        /** This entry as a reference to download. */
        public ModelReference.HuggingFace reference() {
            return new ModelReference.HuggingFace(repo, file, "main");
        }
    }

    public ModelCatalog {
        models = List.copyOf(models);
        List<String> problems = new ArrayList<>();
        long defaults = models.stream().filter(Entry::isDefault).count();
        if (defaults != 1) {
            problems.add("exactly one model must be the default, found " + defaults);
        }
        for (int i = 0; i < models.size(); i++) {
            Entry e = models.get(i);
            if (e.name() == null || e.name().isBlank()) {
                problems.add("models[" + i + "].name is missing");
            }
            if (e.file() == null || !e.file().endsWith(".gguf")) {
                problems.add("models[" + i + "].file '" + e.file() + "' must name a .gguf file");
            }
            if (e.approxSizeBytes() <= 0) {
                problems.add("models[" + i + "].approxSizeBytes must be positive, was " + e.approxSizeBytes());
            }
            try {
                e.reference();
            } catch (IllegalArgumentException ex) {
                problems.add("models[" + i + "]: " + ex.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid model catalog: " + String.join("; ", problems));
        }
    }

    /** The catalog shipped with the runtime. */
    public static ModelCatalog builtIn() {
        try (InputStream in = ModelCatalog.class.getResourceAsStream("catalog.json")) {
            if (in == null) {
                throw new IllegalStateException("catalog.json is missing next to " + ModelCatalog.class.getName());
            }
            return parse(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in model catalog: " + e, e);
        }
    }

    /** Parses a catalog document ({@code {"models": [...]}}); unknown fields are errors. */
    public static ModelCatalog parse(InputStream json) throws IOException {
        return new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).readValue(json, ModelCatalog.class);
    }

    public Entry defaultModel() {
        return models.stream().filter(Entry::isDefault).findFirst().orElseThrow();
    }

    public Optional<Entry> find(String name) {
        return models.stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
