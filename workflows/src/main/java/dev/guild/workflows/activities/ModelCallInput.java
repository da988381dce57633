package dev.guild.workflows.activities;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.guild.agents.AgentSpec;

/**
 * Input of {@link ModelActivities#chat}: a reference to the transcript, not the transcript.
 *
 * @param messageCount the transcript length the call continues from (0 on the first call)
 * @param task         the agent's task; used only when {@code messageCount} is 0, to write the opening messages
 * @param generation   how many times the agent continued as new (part of the idempotency key)
 */
public record ModelCallInput(@JsonProperty("runId") String runId,
                             @JsonProperty("transcriptId") String transcriptId,
                             @JsonProperty("messageCount") int messageCount,
                             @JsonProperty("agent") AgentSpec agent,
                             @JsonProperty("task") String task,
                             @JsonProperty("generation") int generation) {
    @JsonCreator
    public ModelCallInput {
    }
}
