package dev.guild.tools.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guild.tools.Compensation;
import dev.guild.tools.Tool;
import dev.guild.tools.ToolCall;
import dev.guild.tools.ToolDescriptor;
import dev.guild.tools.ToolResult;

import java.util.Optional;

/**
 * A tool known by its {@link ToolDescriptor} only, in a registry for validating definitions
 * ({@code ToolRegistry.describe}); calling it answers an error saying where the tool runs.
 */
public record DescribedTool(ToolDescriptor descriptor) implements Tool {
    @Override
    public String name() {
        return descriptor.name();
    }

    @Override
    public String description() {
        return descriptor.description();
    }

    @Override
    public JsonNode inputSchema() {
        return descriptor.inputSchema();
    }

    @Override
    public JsonNode outputSchema() {
        return descriptor.outputSchema();
    }

    @Override
    public boolean sideEffects() {
        return descriptor.sideEffects();
    }

    @Override
    public Optional<Compensation> compensation() {
        return descriptor.compensation();
    }

    @Override
    public ToolResult invoke(ToolCall call) {
        return ToolResult.error("tool '" + name() + "' is only described in this registry (it was built to validate"
                + " definitions, without a live environment); run it on a platform worker");
    }
}
