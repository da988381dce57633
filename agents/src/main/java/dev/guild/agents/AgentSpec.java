package dev.guild.agents;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Objects;

/**
 * What an agent is: a name, instructions (its system prompt), the tools it may call, the model settings and its
 * budget. A wire type (Temporal payloads): field names are stable.
 */
public record AgentSpec(@JsonProperty("name") String name,
                        @JsonProperty("instructions") String instructions,
                        @JsonProperty("tools") List<String> tools,
                        @JsonProperty("model") ModelSettings model,
                        @JsonProperty("limits") AgentLimits limits) {

    /** Longest instructions accepted, in characters. */
    public static final int MAX_INSTRUCTIONS_CHARS = 100_000;

    @JsonCreator
    public AgentSpec {
        Objects.requireNonNull(name, "agent name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("agent name is blank; give the agent a short name such as 'greeter'");
        }
        if (instructions == null || instructions.isBlank()) {
            throw new IllegalArgumentException("agent '" + name + "' has no instructions; say what it should do");
        }
        if (instructions.length() > MAX_INSTRUCTIONS_CHARS) {
            throw new IllegalArgumentException("instructions of agent '" + name + "' have " + instructions.length()
                    + " characters, more than the limit of " + MAX_INSTRUCTIONS_CHARS + "; shorten them");
        }
        tools = tools == null ? List.of() : List.copyOf(tools);
        model = model == null ? ModelSettings.DEFAULTS : model;
        limits = limits == null ? AgentLimits.DEFAULTS : limits;
    }
}
