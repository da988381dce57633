package dev.guild.workflows.activities;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Output of {@link DefinitionActivities#resolve}: the definition, or {@code error} saying why there is none.
 *
 * @param hash {@code sha256:<hex>} of {@code text}
 */
public record ResolveDefinitionOutput(@JsonProperty("name") String name,
                                      @JsonProperty("hash") String hash,
                                      @JsonProperty("text") String text,
                                      @JsonProperty("error") String error) {
    @JsonCreator
    public ResolveDefinitionOutput {
    }
}
