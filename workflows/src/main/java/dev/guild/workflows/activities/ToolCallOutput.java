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
 * @param held           set when the call was not made because it needs approval (gate {@code check}); null otherwise
 */
public record ToolCallOutput(@JsonProperty("ok") boolean ok,
                             @JsonProperty("output") String output,
                             @JsonProperty("error") String error,
                             @JsonProperty("idempotencyKey") String idempotencyKey,
                             @JsonProperty("held") Held held) {
    @JsonCreator
    public ToolCallOutput {
    }

    public ToolCallOutput(boolean ok, String output, String error, String idempotencyKey) {
        this(ok, output, error, idempotencyKey, null);
    }

    /**
     * A call held for approval.
     *
     * @param hash      {@link dev.guild.workflows.approval.ApprovalHash} of tool name and arguments
     * @param arguments the arguments, JSON text, as the approver sees them
     */
    public record Held(@JsonProperty("hash") String hash, @JsonProperty("arguments") String arguments) {
        @JsonCreator
        public Held {
        }
    }
}
