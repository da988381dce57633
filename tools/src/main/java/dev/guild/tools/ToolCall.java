package dev.guild.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.Objects;

/**
 * One call of a tool.
 *
 * @param toolName       the tool's {@link Tool#name()}
 * @param idempotencyKey identifies the call across retries; Guild uses {@code <workflowId>/<activityId>}. A
 *                       side-effecting tool returns the first call's result for a repeated key.
 * @param arguments      the arguments, a JSON object that validates against {@link Tool#inputSchema()}
 */
public record ToolCall(String toolName, String idempotencyKey, JsonNode arguments) {
    public ToolCall {
        Objects.requireNonNull(toolName, "toolName");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        arguments = arguments == null ? JsonNodeFactory.instance.objectNode() : arguments;
    }
}
