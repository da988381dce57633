package dev.guild.workflows;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.guild.agents.AgentSpec;
import dev.guild.workflows.approval.ApprovalPolicy;

import java.util.List;
import java.util.Objects;

/**
 * The input of {@link AgentWorkflow}.
 *
 * @param runId                   the run this agent belongs to (events and transcripts are filed under it)
 * @param step                    the definition task that runs the agent (names its events and tool calls)
 * @param agent                   the agent
 * @param task                    the user message the agent works on
 * @param transcriptId            the transcript's id within the run
 * @param nextEventSequence       the run-event sequence number the agent's first event takes
 * @param progress                where a continued agent stands; null on a fresh start
 * @param continueAsNewAfterSteps continue-as-new after this many steps in one workflow execution even when
 *                                Temporal does not suggest it yet; 0 = only when suggested
 * @param outputSchema            JSON Schema (as JSON text) the final answer must match, or null: an answer that
 *                                does not is sent back to the model with the problems, costing a step
 */
public record AgentRequest(@JsonProperty("runId") String runId,
                           @JsonProperty("step") String step,
                           @JsonProperty("agent") AgentSpec agent,
                           @JsonProperty("task") String task,
                           @JsonProperty("transcriptId") String transcriptId,
                           @JsonProperty("nextEventSequence") long nextEventSequence,
                           @JsonProperty("progress") Progress progress,
                           @JsonProperty("continueAsNewAfterSteps") int continueAsNewAfterSteps,
                           @JsonProperty("approval") ApprovalPolicy approval,
                           @JsonProperty("outputSchema") String outputSchema) {

    @JsonCreator
    public AgentRequest {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(transcriptId, "transcriptId");
        if (nextEventSequence < 1) {
            throw new IllegalArgumentException("nextEventSequence starts at 1; got " + nextEventSequence);
        }
    }

    /** A request with the default approval policy and no output schema. */
    public AgentRequest(String runId, String step, AgentSpec agent, String task, String transcriptId,
                        long nextEventSequence, Progress progress, int continueAsNewAfterSteps) {
        this(runId, step, agent, task, transcriptId, nextEventSequence, progress, continueAsNewAfterSteps, null, null);
    }

    /** A request with no output schema. */
    public AgentRequest(String runId, String step, AgentSpec agent, String task, String transcriptId,
                        long nextEventSequence, Progress progress, int continueAsNewAfterSteps, ApprovalPolicy approval) {
        this(runId, step, agent, task, transcriptId, nextEventSequence, progress, continueAsNewAfterSteps, approval, null);
    }

    /**
     * Carried over continue-as-new: the budget used and the transcript length so far.
     *
     * @param generation 1 for the first continuation, 2 for the next, ... (keeps idempotency keys unique)
     */
    public record Progress(@JsonProperty("generation") int generation,
                           @JsonProperty("steps") int steps,
                           @JsonProperty("tokens") long tokens,
                           @JsonProperty("startedAtMillis") long startedAtMillis,
                           @JsonProperty("messageCount") int messageCount,
                           @JsonProperty("toolCalls") List<ToolCallSummary> toolCalls) {
        @JsonCreator
        public Progress {
            toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        }
    }
}
