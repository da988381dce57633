package dev.guild.workflows.approval;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;

import java.util.List;

/**
 * What a workflow that may hold tool calls for approval offers (both {@code RunWorkflow} and {@code AgentWorkflow}).
 * Call it with an untyped stub: {@code client.newUntypedWorkflowStub(workflowId).update(Approvals.DECIDE, ...)}.
 */
public interface ApprovalHolder {

    /**
     * Refuses, before anything is written to history, a decision on an approval that is unknown
     * ({@link Approvals#UNKNOWN}), already decided ({@link Approvals#ALREADY_DECIDED}), for another call
     * ({@link Approvals#HASH_MISMATCH}) or malformed ({@link Approvals#BAD_DECISION}); the failure's type says which.
     */
    @UpdateValidatorMethod(updateName = Approvals.DECIDE)
    void validateDecision(ApprovalDecision decision);

    /** Records the decision; the held call then runs (approved) or is reported as rejected. */
    @UpdateMethod(name = Approvals.DECIDE)
    ApprovalView decide(ApprovalDecision decision);

    /** Every approval this workflow requested, pending and decided, in request order. */
    @QueryMethod(name = Approvals.LIST)
    List<ApprovalView> approvals();
}
