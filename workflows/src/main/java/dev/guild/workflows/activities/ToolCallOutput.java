package dev.guild.workflows.activities;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Output of {@link ToolActivities#invoke}.
 *
 * @param ok             true when the tool returned a result, false when it returned an error for the caller
 * @param output         JSON text of the result, for direct calls only (agent calls write it to the transcript)
 * @param error          the tool's message when not ok
 * @param idempotencyKey the key the tool was called with
 */
public record ToolCallOutput(@JsonProperty("ok") boolean ok,
                             @JsonProperty("output") String output,
                             @JsonProperty("error") String error,
                             @JsonProperty("idempotencyKey") String idempotencyKey) {
    @JsonCreator
    public ToolCallOutput {
    }
}
