package dev.guild.workflows;

import dev.guild.workflows.approval.ApprovalHolder;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
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

    /**
     * Delivers a CloudEvent to the run's {@code listen} task {@link ListenedEvent#listenId()} (the platform's consumer
     * of {@code guild.events} sends it to every run whose {@link EventSubscription} the event matches). An event for
     * a listen that is not waiting any more is ignored.
     */
    @SignalMethod(name = "event")
    void event(ListenedEvent event);

    /** Status, steps, tool calls and result, as of the last completed workflow task. */
    @QueryMethod(name = "status")
    RunStatus status();
}
