package dev.guild.workflows.activities;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Input of {@link ToolActivities#invoke}.
 *
 * @param toolName     the tool
 * @param arguments    JSON object text for a definition's call; null for an agent's call, whose arguments are read
 *                     from the model's message in the transcript
 * @param transcriptId for an agent's call: the transcript the result goes to (then {@link ToolCallOutput#output()}
 *                     stays null, keeping history small); null for a definition's {@code call: <tool>}
 * @param replyPosition the transcript position of the model message that asked for the call (agent calls only)
 * @param position     the transcript position of the result message (agent calls only)
 * @param toolCallId   the model's id of the call (agent calls only)
 * @param generation   how many times the calling agent continued as new (part of the idempotency key); 0 otherwise
 */
public record ToolCallInput(@JsonProperty("runId") String runId,
                            @JsonProperty("toolName") String toolName,
                            @JsonProperty("arguments") String arguments,
                            @JsonProperty("transcriptId") String transcriptId,
                            @JsonProperty("replyPosition") int replyPosition,
                            @JsonProperty("position") int position,
                            @JsonProperty("toolCallId") String toolCallId,
                            @JsonProperty("generation") int generation) {
    @JsonCreator
    public ToolCallInput {
    }

    /** An agent's call: arguments and results live in the transcript. */
    public static ToolCallInput fromTranscript(String runId, String toolName, String transcriptId, int replyPosition,
                                               int position, String toolCallId, int generation) {
        return new ToolCallInput(runId, toolName, null, transcriptId, replyPosition, position, toolCallId, generation);
    }

    /** A definition's direct call: the output comes back in {@link ToolCallOutput#output()}. */
    public static ToolCallInput direct(String runId, String toolName, String arguments) {
        return new ToolCallInput(runId, toolName, arguments, null, -1, -1, null, 0);
    }
}
