package dev.guild.runtime.chat;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;
import java.util.Optional;

/**
 * A function the model may call ({@code tools[].function} of the OpenAI API).
 *
 * @param name        function name
 * @param description what it does (shown to the model)
 * @param parameters  JSON schema of the arguments object
 */
public record ToolDefinition(String name, Optional<String> description, JsonNode parameters) {
    public ToolDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parameters, "parameters");
        if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("tool name '" + name
                    + "' must be 1 to 64 letters, digits, '_', '.' or '-' (the OpenAI rule)");
        }
    }
}
