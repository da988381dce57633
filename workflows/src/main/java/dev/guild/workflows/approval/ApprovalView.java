package dev.guild.workflows.approval;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One approval as a workflow reports it ({@link Approvals#LIST} query, the decide update's answer).
 *
 * @param approvalId   unique within the run
 * @param workflowId   the Temporal workflow that holds the call (the run's, or an agent's child workflow)
 * @param step         the step that made the call ({@code task} or {@code task#agentStep})
 * @param tool         the tool
 * @param arguments    the call's arguments, JSON text
 * @param hash         {@link ApprovalHash} of tool and arguments
 * @param state        {@link #PENDING}, {@link #APPROVED} or {@link #REJECTED}
 * @param requestedAt  RFC 3339
 * @param expiresAt    RFC 3339: when the current wait ends (moves on escalation)
 * @param escalatedTo  who it was escalated to, or null
 * @param decidedBy    who decided; {@code guild:timeout} when the timeout rejected it; null while pending
 * @param comment      the decider's comment
 * @param decidedAt    RFC 3339, null while pending
 */
public record ApprovalView(@JsonProperty("approvalId") String approvalId,
                           @JsonProperty("workflowId") String workflowId,
                           @JsonProperty("step") String step,
                           @JsonProperty("tool") String tool,
                           @JsonProperty("arguments") String arguments,
                           @JsonProperty("hash") String hash,
                           @JsonProperty("state") String state,
                           @JsonProperty("requestedAt") String requestedAt,
                           @JsonProperty("expiresAt") String expiresAt,
                           @JsonProperty("escalatedTo") String escalatedTo,
                           @JsonProperty("decidedBy") String decidedBy,
                           @JsonProperty("comment") String comment,
                           @JsonProperty("decidedAt") String decidedAt) {
    public static final String PENDING = "pending";
    public static final String APPROVED = "approved";
    public static final String REJECTED = "rejected";

    /** The identity recorded when a timeout rejects a call. */
    public static final String TIMEOUT = "guild:timeout";

    @JsonCreator
    public ApprovalView {
    }

    public boolean pending() {
        return PENDING.equals(state);
    }

    public ApprovalView escalated(String to, String newExpiry) {
        return new ApprovalView(approvalId, workflowId, step, tool, arguments, hash, state, requestedAt, newExpiry, to,
                decidedBy, comment, decidedAt);
    }

    public ApprovalView decided(boolean approved, String by, String withComment, String at) {
        return new ApprovalView(approvalId, workflowId, step, tool, arguments, hash, approved ? APPROVED : REJECTED,
                requestedAt, expiresAt, escalatedTo, by, withComment, at);
    }
}
