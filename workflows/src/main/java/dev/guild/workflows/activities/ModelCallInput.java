package dev.guild.workflows.activities;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.guild.agents.ModelSettings;

import java.util.List;

/**
 * Input of {@link ModelActivities#chat}: a reference to the transcript, not the transcript. The agent's instructions
 * and task travel only with the first call ({@code opening}); later calls find them in the transcript, so a long
 * run does not repeat them in workflow history.
 *
 * @param messageCount the transcript length the call continues from (0 on the first call)
 * @param agentName    the agent, for messages
 * @param tools        the tools the agent may call
 * @param model        model settings
 * @param opening      instructions and task, on the first call only (when {@code messageCount} is 0); else null
 * @param generation   how many times the agent continued as new (part of the idempotency key)
 * @param outputSchema JSON Schema (JSON text) a final answer must match, or null
 */
public record ModelCallInput(@JsonProperty("runId") String runId,
                             @JsonProperty("transcriptId") String transcriptId,
                             @JsonProperty("messageCount") int messageCount,
                             @JsonProperty("agentName") String agentName,
                             @JsonProperty("tools") List<String> tools,
                             @JsonProperty("model") ModelSettings model,
                             @JsonProperty("opening") Opening opening,
                             @JsonProperty("generation") int generation,
                             @JsonProperty("outputSchema") String outputSchema) {
    @JsonCreator
    public ModelCallInput {
        tools = tools == null ? List.of() : List.copyOf(tools);
        model = model == null ? ModelSettings.DEFAULTS : model;
    }

    /** Without an output schema. */
    public ModelCallInput(String runId, String transcriptId, int messageCount, String agentName, List<String> tools,
                          ModelSettings model, Opening opening, int generation) {
        this(runId, transcriptId, messageCount, agentName, tools, model, opening, generation, null);
    }

    /** The transcript's first two messages: the agent's instructions (system) and its task (user). */
    public record Opening(@JsonProperty("instructions") String instructions, @JsonProperty("task") String task) {
        @JsonCreator
        public Opening {
        }
    }
}
