package dev.guild.workflows.internal.workflow;

import dev.guild.workflows.AgentRequest;
import dev.guild.workflows.AgentResult;
import dev.guild.workflows.AgentWorkflow;
import dev.guild.workflows.approval.ApprovalDecision;
import dev.guild.workflows.approval.ApprovalView;
import io.temporal.workflow.Workflow;

import java.util.List;

/**
 * The agent loop ({@link AgentLoop}) as its own workflow; see {@link AgentWorkflow}. It continues as new when its
 * history grows large. Runs start it for a {@code call: agent} task only when they were recorded before the loop ran
 * inline, or when an inline agent's run outgrows {@link AgentLoop#HISTORY_LIMIT_BYTES} (it then goes on here).
 */
public class AgentWorkflowImpl implements AgentWorkflow {

    private final ApprovalGate approvals = new ApprovalGate();

    @Override
    public void validateDecision(ApprovalDecision decision) {
        approvals.validate(decision);
    }

    @Override
    public ApprovalView decide(ApprovalDecision decision) {
        return approvals.decide(decision);
    }

    @Override
    public List<ApprovalView> approvals() {
        return approvals.list();
    }

    @Override
    public AgentResult run(AgentRequest request) {
        EventEmitter events = new EventEmitter(request.runId(), request.nextEventSequence());
        AgentResult result = AgentLoop.run(request, events, approvals, next -> {
            Workflow.continueAsNew(next);
            throw new IllegalStateException("continue-as-new returned for run " + next.runId());
        });
        events.flush(); // the result hands the sequence to the run: its events are out first
        return result;
    }
}
