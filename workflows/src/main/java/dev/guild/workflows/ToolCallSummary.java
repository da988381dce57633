package dev.guild.workflows;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One tool call of a run, for status and reporting (arguments and outputs stay out of it: they can be large).
 *
 * @param step           the definition task ({@code greet}) or agent step ({@code greet#2}) that made it
 * @param tool           the tool's name
 * @param idempotencyKey {@code <workflowId>/<activityId>}
 * @param ok             whether the tool returned a result (false: it returned an error for the caller)
 * @param error          the tool's error message when not ok
 */
public record ToolCallSummary(@JsonProperty("step") String step,
                              @JsonProperty("tool") String tool,
                              @JsonProperty("idempotencyKey") String idempotencyKey,
                              @JsonProperty("ok") boolean ok,
                              @JsonProperty("error") String error) {
    @JsonCreator
    public ToolCallSummary {
    }
}
