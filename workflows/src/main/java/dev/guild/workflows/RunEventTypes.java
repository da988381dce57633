package dev.guild.workflows;

import java.util.List;

/**
 * Stable CloudEvent {@code type} values of run events on the {@code guild.run-events} topic.
 * These are wire names: never rename one, add a new one instead. Documented in docs/run-events.md.
 */
public final class RunEventTypes {
    public static final String RUN_STARTED = "run.started";
    public static final String STEP_STARTED = "step.started";
    public static final String MODEL_COMPLETED = "model.completed";
    public static final String TOOL_CALLED = "tool.called";
    public static final String TOOL_COMPLETED = "tool.completed";
    public static final String RUN_COMPLETED = "run.completed";
    public static final String RUN_FAILED = "run.failed";
    /** A side-effecting tool call is held until a person approves or rejects it. */
    public static final String APPROVAL_REQUESTED = "approval.requested";
    /** A held call's wait timed out and it was escalated (onTimeout: escalate). */
    public static final String APPROVAL_ESCALATED = "approval.escalated";
    /** A held call was approved or rejected (by a person or by the timeout). */
    public static final String APPROVAL_DECIDED = "approval.decided";

    public static final List<String> ALL = List.of(
            RUN_STARTED, STEP_STARTED, MODEL_COMPLETED, TOOL_CALLED, TOOL_COMPLETED, RUN_COMPLETED, RUN_FAILED,
            APPROVAL_REQUESTED, APPROVAL_ESCALATED, APPROVAL_DECIDED);

    /** True for the types after which a run emits nothing more. */
    public static boolean isTerminal(String type) {
        return RUN_COMPLETED.equals(type) || RUN_FAILED.equals(type);
    }

    private RunEventTypes() {
    }
}
