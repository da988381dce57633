package dev.guild.workflows.activities;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Input of {@link ToolActivities#invoke}.
 *
 * @param toolName     the tool
 * @param arguments    JSON object text
 * @param transcriptId for an agent's call: the transcript the result goes to (then {@link ToolCallOutput#output()}
 *                     stays null, keeping history small); null for a definition's {@code call: <tool>}
 * @param position     the transcript position of the result message (agent calls only)
 * @param toolCallId   the model's id of the call (agent calls only)
 * @param generation   how many times the calling agent continued as new (part of the idempotency key); 0 otherwise
 */
public record ToolCallInput(@JsonProperty("runId") String runId,
                            @JsonProperty("toolName") String toolName,
                            @JsonProperty("arguments") String arguments,
                            @JsonProperty("transcriptId") String transcriptId,
                            @JsonProperty("position") int position,
                            @JsonProperty("toolCallId") String toolCallId,
                            @JsonProperty("generation") int generation) {
    @JsonCreator
    public ToolCallInput {
    }

    /** A definition's direct call: the output comes back in {@link ToolCallOutput#output()}. */
    public static ToolCallInput direct(String runId, String toolName, String arguments) {
        return new ToolCallInput(runId, toolName, arguments, null, -1, null, 0);
    }
}
