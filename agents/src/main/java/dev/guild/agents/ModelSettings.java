package dev.guild.agents;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Model settings of an agent; null means "the configured model's default".
 *
 * @param modelName       model name sent to the OpenAI-compatible endpoint
 * @param temperature     sampling temperature, 0 to 2
 * @param maxOutputTokens most tokens one model call may produce, 1 or more
 */
public record ModelSettings(@JsonProperty("modelName") String modelName,
                            @JsonProperty("temperature") Double temperature,
                            @JsonProperty("maxOutputTokens") Integer maxOutputTokens) {

    public static final ModelSettings DEFAULTS = new ModelSettings(null, null, null);

    @JsonCreator
    public ModelSettings {
        if (temperature != null && (temperature < 0 || temperature > 2 || temperature.isNaN())) {
            throw new IllegalArgumentException("temperature must be between 0 and 2; got " + temperature);
        }
        if (maxOutputTokens != null && maxOutputTokens < 1) {
            throw new IllegalArgumentException("maxOutputTokens must be at least 1; got " + maxOutputTokens);
        }
    }
}
