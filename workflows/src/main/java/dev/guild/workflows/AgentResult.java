package dev.guild.workflows;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.guild.agents.AgentOutcome;

import java.util.List;

/**
 * What {@link AgentWorkflow} returns.
 *
 * @param outcome           why the loop ended
 * @param answer            the final answer; null unless {@code outcome} is {@link AgentOutcome#FINAL_ANSWER}
 * @param reason            a sentence for people about the outcome
 * @param steps             model calls made
 * @param tokens            tokens used (input + output)
 * @param toolCalls         the tool calls made, in order
 * @param transcriptId      where the transcript is stored
 * @param messageCount      its length
 * @param nextEventSequence the run-event sequence number the caller's next event takes
 */
public record AgentResult(@JsonProperty("outcome") AgentOutcome outcome,
                          @JsonProperty("answer") String answer,
                          @JsonProperty("reason") String reason,
                          @JsonProperty("steps") int steps,
                          @JsonProperty("tokens") long tokens,
                          @JsonProperty("toolCalls") List<ToolCallSummary> toolCalls,
                          @JsonProperty("transcriptId") String transcriptId,
                          @JsonProperty("messageCount") int messageCount,
                          @JsonProperty("nextEventSequence") long nextEventSequence) {
    @JsonCreator
    public AgentResult {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }
}
