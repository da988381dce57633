package dev.guild.tools;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;

/**
 * The outcome of a tool call: {@link #ok(JsonNode) ok} with a JSON output, or an {@link #error(String) error}
 * whose message tells a model what to change ("`checkIn` must be before `checkOut`; got ...").
 */
public record ToolResult(@JsonProperty("ok") boolean ok,
                         @JsonProperty("output") JsonNode output,
                         @JsonProperty("error") String error) {

    @JsonCreator
    public ToolResult {
        if (ok && output == null) {
            throw new IllegalArgumentException("a successful tool result needs an output; use a JSON object, not null");
        }
        if (!ok && (error == null || error.isBlank())) {
            throw new IllegalArgumentException("a failed tool result needs a message that tells the caller what to change");
        }
    }

    public static ToolResult ok(JsonNode output) {
        return new ToolResult(true, Objects.requireNonNull(output, "output"), null);
    }

    public static ToolResult error(String message) {
        return new ToolResult(false, null, message);
    }
}
