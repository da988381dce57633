package dev.guild.workflows.approval;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A person's decision on one held tool call: the argument of the {@link Approvals#DECIDE} update.
 *
 * @param approvalId the approval, as in the {@code approval.requested} event
 * @param decision   {@link #APPROVE} or {@link #REJECT}
 * @param hash       the hash of the call being decided ({@link ApprovalHash}); must equal the held call's
 * @param comment    free text, may be null
 * @param decidedBy  who decided (from the API's caller identity)
 */
public record ApprovalDecision(@JsonProperty("approvalId") String approvalId,
                               @JsonProperty("decision") String decision,
                               @JsonProperty("hash") String hash,
                               @JsonProperty("comment") String comment,
                               @JsonProperty("decidedBy") String decidedBy) {
    public static final String APPROVE = "approve";
    public static final String REJECT = "reject";

    @JsonCreator
    public ApprovalDecision {
    }

    public boolean approves() {
        return APPROVE.equals(decision);
    }
}
