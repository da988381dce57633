package dev.guild.workflows.activities;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * Output of {@link ModelActivities#chat}.
 *
 * @param messageCount  the transcript length after the model's message and the feedback on malformed calls
 * @param replyPosition the transcript position of the model's message (tool activities read the arguments there)
 * @param finalAnswer   the answer when the model called no tool; null otherwise
 * @param calls         well-formed tool calls to run, by reference; their results go to positions
 *                      {@code messageCount + i}
 * @param malformed     malformed calls (or an empty reply) reported back to the model
 * @param inputTokens   tokens the model read (0 if it did not say)
 * @param outputTokens  tokens the model wrote (0 if it did not say)
 * @param finishReason  the model's finish reason, lower case, or null
 */
public record ModelCallOutput(@JsonProperty("messageCount") int messageCount,
                              @JsonProperty("replyPosition") int replyPosition,
                              @JsonProperty("finalAnswer") String finalAnswer,
                              @JsonProperty("calls") List<PlannedToolCall> calls,
                              @JsonProperty("malformed") int malformed,
                              @JsonProperty("inputTokens") long inputTokens,
                              @JsonProperty("outputTokens") long outputTokens,
                              @JsonProperty("finishReason") String finishReason) {
    @JsonCreator
    public ModelCallOutput {
        calls = calls == null ? List.of() : List.copyOf(calls);
    }
}
