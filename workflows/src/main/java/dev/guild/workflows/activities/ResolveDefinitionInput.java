package dev.guild.workflows.activities;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Input of {@link DefinitionActivities#resolve}; {@code version} null = the newest. */
public record ResolveDefinitionInput(@JsonProperty("namespace") String namespace,
                                     @JsonProperty("name") String name,
                                     @JsonProperty("version") String version) {
    @JsonCreator
    public ResolveDefinitionInput {
    }
}
