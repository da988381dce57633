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
 * @param approval     the approval gate: null runs the call as before (an unattended call, or a run recorded before
 *                     approvals existed); see {@link Gate}
 */
public record ToolCallInput(@JsonProperty("runId") String runId,
                            @JsonProperty("toolName") String toolName,
                            @JsonProperty("arguments") String arguments,
                            @JsonProperty("transcriptId") String transcriptId,
                            @JsonProperty("replyPosition") int replyPosition,
                            @JsonProperty("position") int position,
                            @JsonProperty("toolCallId") String toolCallId,
                            @JsonProperty("generation") int generation,
                            @JsonProperty("approval") Gate approval) {
    @JsonCreator
    public ToolCallInput {
    }

    public ToolCallInput(String runId, String toolName, String arguments, String transcriptId, int replyPosition,
                         int position, String toolCallId, int generation) {
        this(runId, toolName, arguments, transcriptId, replyPosition, position, toolCallId, generation, null);
    }

    /** This call with the given gate. */
    public ToolCallInput gated(Gate gate) {
        return new ToolCallInput(runId, toolName, arguments, transcriptId, replyPosition, position, toolCallId,
                generation, gate);
    }

    /**
     * The approval gate of a call.
     * <ul>
     *   <li>{@link #CHECK}: when the tool has side effects, the call is not made; the output carries
     *       {@link ToolCallOutput#held()} (hash and arguments) for the workflow to ask for approval;</li>
     *   <li>{@link #APPROVED}: the call is made if its hash still equals {@code hash} (the approval's binding);</li>
     *   <li>{@link #REJECTED}: the call is not made; it is reported as a rejected tool result with {@code reason}.</li>
     * </ul>
     */
    public record Gate(@JsonProperty("mode") String mode,
                       @JsonProperty("hash") String hash,
                       @JsonProperty("reason") String reason) {
        public static final String CHECK = "check";
        public static final String APPROVED = "approved";
        public static final String REJECTED = "rejected";

        @JsonCreator
        public Gate {
        }

        public static Gate check() {
            return new Gate(CHECK, null, null);
        }

        public static Gate approved(String hash) {
            return new Gate(APPROVED, hash, null);
        }

        public static Gate rejected(String hash, String reason) {
            return new Gate(REJECTED, hash, reason);
        }
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
