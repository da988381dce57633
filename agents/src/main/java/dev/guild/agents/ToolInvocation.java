package dev.guild.agents;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A well-formed tool call the model asked for: known tool, allowed, arguments valid against its schema.
 *
 * @param id        the model's tool-call id (answered by the tool result message)
 * @param toolName  the tool
 * @param arguments the arguments as JSON text
 */
public record ToolInvocation(@JsonProperty("id") String id,
                             @JsonProperty("toolName") String toolName,
                             @JsonProperty("arguments") String arguments) {
    @JsonCreator
    public ToolInvocation {
    }
}
