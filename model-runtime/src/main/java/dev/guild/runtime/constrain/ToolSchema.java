package dev.guild.runtime.constrain;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;

/** A tool for tool-call mode: its name and the JSON schema of its arguments. */
public record ToolSchema(String name, JsonNode parameters) {
    public ToolSchema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parameters, "parameters");
    }
}
