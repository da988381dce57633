package dev.guild.workflows;

import dev.guild.workflows.approval.ApprovalHolder;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The durable agent loop: model call (activity on {@link TaskQueues#MODEL}), tool calls (activities on
 * {@link TaskQueues#TOOLS}, idempotency key {@code <workflowId>/<activityId>}), until a final answer or a budget
 * ({@link dev.guild.agents.AgentLimits}). The transcript lives in the
 * {@link dev.guild.workflows.ports.TranscriptStore}; the history carries references only. Continues as new when
 * Temporal suggests it. Runs as a child of {@link RunWorkflow} ({@code call: agent}) or on its own.
 */
@WorkflowInterface
public interface AgentWorkflow extends ApprovalHolder {

    /** Temporal workflow type name (a wire name). */
    String TYPE = "guild.agent";

    @WorkflowMethod(name = TYPE)
    AgentResult run(AgentRequest request);
}
