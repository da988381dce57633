package dev.guild.workflows;

import dev.guild.workflows.approval.ApprovalHolder;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Runs one workflow definition (CNCF Serverless Workflow 1.0, Guild's profile) for one trigger. Started on
 * {@link TaskQueues#AGENTS} with workflow id = {@link RunRequest#runId()}. Emits run events
 * ({@link RunEventTypes}) through the {@link dev.guild.workflows.ports.RunEventSink}.
 */
@WorkflowInterface
public interface RunWorkflow extends ApprovalHolder {

    /** Temporal workflow type name (a wire name). */
    String TYPE = "guild.run";

    @WorkflowMethod(name = TYPE)
    RunResult run(RunRequest request);

    /** Status, steps, tool calls and result, as of the last completed workflow task. */
    @QueryMethod(name = "status")
    RunStatus status();
}
