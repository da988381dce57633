package dev.guild.tools;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Tool} is, without being able to run it: what validating a workflow definition needs (the name, the
 * model-facing description, the schemas, whether it has side effects and what undoes it). A {@link ToolProvider}
 * gives these without a live environment ({@link ToolProvider#descriptors}), so {@code validate} knows every tool
 * without a database.
 */
public record ToolDescriptor(String name, String description, JsonNode inputSchema, JsonNode outputSchema,
                             boolean sideEffects, Optional<Compensation> compensation) {
    public ToolDescriptor {
        Objects.requireNonNull(name, "name");
        compensation = compensation == null ? Optional.empty() : compensation;
    }

    /** The description of {@code tool}. */
    public static ToolDescriptor of(Tool tool) {
        return new ToolDescriptor(tool.name(), tool.description(), tool.inputSchema(), tool.outputSchema(),
                tool.sideEffects(), tool.compensation());
    }
}
