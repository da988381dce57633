package dev.guild.workflows.internal.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guild.workflows.RunEventTypes;
import dev.guild.workflows.activities.ToolActivities;
import dev.guild.workflows.activities.ToolCallInput;
import dev.guild.workflows.activities.ToolCallOutput;
import dev.guild.workflows.approval.ApprovalDecision;
import dev.guild.workflows.approval.ApprovalPolicy;
import dev.guild.workflows.approval.ApprovalView;
import dev.guild.workflows.approval.Approvals;
import io.temporal.workflow.Workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds side-effecting tool calls for approval (workflow code only). One per workflow instance: the workflow's
 * {@code decide} update and {@code approvals} query delegate here. A held call waits on a durable timer for a
 * decision; the timeout rejects or escalates as the {@link ApprovalPolicy} says.
 */
final class ApprovalGate {

    /** {@link Workflow#getVersion} change id of the approval gate; histories recorded before it replay ungated. */
    static final String CHANGE_ID = "approval-gate";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, ApprovalView> approvals = new LinkedHashMap<>();

    /**
     * The outcome of a call that went through the gate.
     *
     * @param output   the tool's output (for a rejected call: not ok, with the rejection as error)
     * @param decision the decided approval, or null when the call needed none
     * @param waitedMillis how long the call waited for the decision (workflow time)
     */
    record Outcome(ToolCallOutput output, ApprovalView decision, long waitedMillis) {
        Outcome(ToolCallOutput output) {
            this(output, null, 0);
        }

        boolean rejected() {
            return decision != null && !ApprovalView.APPROVED.equals(decision.state());
        }
    }

    /**
     * Makes the call, holding it for approval first when its tool has side effects and the policy does not let it
     * run unattended.
     */
    Outcome invoke(ToolActivities tools, ToolCallInput input, String step, ApprovalPolicy policy, EventEmitter events) {
        int version = Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1);
        if (version == Workflow.DEFAULT_VERSION || policy.unattended(input.toolName())) {
            return new Outcome(tools.invoke(input));
        }
        ToolCallOutput checked = tools.invoke(input.gated(ToolCallInput.Gate.check()));
        if (checked.held() == null) {
            return new Outcome(checked);
        }
        long heldAt = Workflow.currentTimeMillis();
        ApprovalView decided = hold(step, input.toolName(), checked.held(), policy, events);
        long waited = Workflow.currentTimeMillis() - heldAt;
        if (ApprovalView.APPROVED.equals(decided.state())) {
            return new Outcome(tools.invoke(input.gated(ToolCallInput.Gate.approved(decided.hash()))), decided, waited);
        }
        String reason = "the call of '" + input.toolName() + "' was rejected by " + decided.decidedBy()
                + (decided.comment() == null || decided.comment().isBlank() ? "" : ": " + decided.comment())
                + "; it was not made. Do not repeat it unchanged";
        ToolCallOutput rejected = input.transcriptId() == null
                ? new ToolCallOutput(false, null, reason, checked.idempotencyKey())
                : tools.invoke(input.gated(ToolCallInput.Gate.rejected(decided.hash(), reason)));
        return new Outcome(rejected, decided, waited);
    }

    private ApprovalView hold(String step, String tool, ToolCallOutput.Held held, ApprovalPolicy policy,
                              EventEmitter events) {
        String id = Workflow.randomUUID().toString();
        Duration timeout = Duration.ofSeconds(policy.timeoutSeconds());
        String now = EventEmitter.now();
        ApprovalView view = new ApprovalView(id, Workflow.getInfo().getWorkflowId(), step, tool, held.arguments(),
                held.hash(), ApprovalView.PENDING, now, plus(timeout), null, null, null, null);
        approvals.put(id, view);
        ObjectNode requested = describe(view);
        requested.put("timeoutSeconds", policy.timeoutSeconds());
        requested.put("onTimeout", policy.onTimeout());
        if (policy.escalateTo() != null) {
            requested.put("escalateTo", policy.escalateTo());
        }
        events.emit(RunEventTypes.APPROVAL_REQUESTED, requested);
        events.flush(); // out before the wait: the approver learns of the call from this event

        boolean decided = Workflow.await(timeout, () -> !approvals.get(id).pending());
        if (!decided && ApprovalPolicy.ESCALATE.equals(policy.onTimeout())) {
            Duration more = Duration.ofSeconds(policy.escalationTimeoutSeconds());
            approvals.put(id, approvals.get(id).escalated(policy.escalateTo(), plus(more)));
            ObjectNode escalated = describe(approvals.get(id));
            escalated.put("escalateTo", policy.escalateTo());
            events.emit(RunEventTypes.APPROVAL_ESCALATED, escalated);
            events.flush();
            decided = Workflow.await(more, () -> !approvals.get(id).pending());
        }
        if (!decided) {
            approvals.put(id, approvals.get(id).decided(false, ApprovalView.TIMEOUT,
                    "no decision within " + (ApprovalPolicy.ESCALATE.equals(policy.onTimeout())
                            ? timeout.plusSeconds(policy.escalationTimeoutSeconds()) : timeout),
                    EventEmitter.now()));
        }
        ApprovalView result = approvals.get(id);
        ObjectNode decision = describe(result);
        decision.put("decision", result.state());
        decision.put("decidedBy", result.decidedBy());
        if (result.comment() != null) {
            decision.put("comment", result.comment());
        }
        decision.put("decidedAt", result.decidedAt());
        events.emit(RunEventTypes.APPROVAL_DECIDED, decision);
        events.flush();
        return result;
    }

    /** The update validator: refuses what {@link #decide} must not record. */
    void validate(ApprovalDecision decision) {
        if (decision == null || decision.approvalId() == null) {
            throw Approvals.refuse(Approvals.BAD_DECISION, "a decision needs an approvalId");
        }
        ApprovalView view = approvals.get(decision.approvalId());
        if (view == null) {
            throw Approvals.refuse(Approvals.UNKNOWN, "no approval '" + decision.approvalId() + "' is held by "
                    + Workflow.getInfo().getWorkflowId() + "; known: " + approvals.keySet());
        }
        if (!view.pending()) {
            throw Approvals.refuse(Approvals.ALREADY_DECIDED, "approval '" + decision.approvalId() + "' was already "
                    + view.state() + " by " + view.decidedBy() + " at " + view.decidedAt());
        }
        if (!view.hash().equals(decision.hash())) {
            throw Approvals.refuse(Approvals.HASH_MISMATCH, "the decision is for call hash " + decision.hash()
                    + " but approval '" + decision.approvalId() + "' holds a call of '" + view.tool() + "' with hash "
                    + view.hash() + "; an approval covers one exact call: review that call and send its hash");
        }
        if (!ApprovalDecision.APPROVE.equals(decision.decision()) && !ApprovalDecision.REJECT.equals(decision.decision())) {
            throw Approvals.refuse(Approvals.BAD_DECISION, "decision must be 'approve' or 'reject'; got '"
                    + decision.decision() + "'");
        }
        if (decision.decidedBy() == null || decision.decidedBy().isBlank()) {
            throw Approvals.refuse(Approvals.BAD_DECISION, "a decision must name who made it (decidedBy)");
        }
    }

    ApprovalView decide(ApprovalDecision decision) {
        ApprovalView decided = approvals.get(decision.approvalId()).decided(decision.approves(), decision.decidedBy(),
                decision.comment(), EventEmitter.now());
        approvals.put(decision.approvalId(), decided);
        return decided;
    }

    List<ApprovalView> list() {
        return List.copyOf(approvals.values());
    }

    private static ObjectNode describe(ApprovalView view) {
        ObjectNode data = EventEmitter.data();
        data.put("approvalId", view.approvalId());
        data.put("workflowId", view.workflowId());
        data.put("step", view.step());
        data.put("tool", view.tool());
        data.set("arguments", parse(view.arguments()));
        data.put("hash", view.hash());
        data.put("requestedAt", view.requestedAt());
        data.put("expiresAt", view.expiresAt());
        return data;
    }

    private static JsonNode parse(String json) {
        try {
            return json == null ? JSON.createObjectNode() : JSON.readTree(json);
        } catch (Exception e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }

    private static String plus(Duration duration) {
        return Instant.ofEpochMilli(Workflow.currentTimeMillis()).plus(duration).toString();
    }
}
