package dev.guild.workflows.approval;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Objects;

/**
 * How a definition step treats side-effecting tool calls ({@code Tool.sideEffects()}): each is held for a person's
 * approval unless its tool is listed as unattended. Written in a definition as {@code with.approval} of
 * {@code call: agent} or {@code metadata.approval} of a tool {@code call} (docs/workflow-dsl.md, "Approval").
 *
 * @param unattended               tools whose calls run without approval
 * @param timeoutSeconds           how long a request waits for a decision
 * @param onTimeout                {@link #REJECT} or {@link #ESCALATE} when the timeout passes
 * @param escalateTo               who is asked after an escalation (a group or person name, shown in the event)
 * @param escalationTimeoutSeconds how long an escalated request waits before it is rejected
 * @param onReject                 {@link #CONTINUE}: the caller learns of the rejection and goes on (an agent gets a
 *                                 rejected tool result; a {@code call} task outputs the decision); {@link #STOP}: the
 *                                 agent or task fails
 */
public record ApprovalPolicy(@JsonProperty("unattended") List<String> unattended,
                             @JsonProperty("timeoutSeconds") long timeoutSeconds,
                             @JsonProperty("onTimeout") String onTimeout,
                             @JsonProperty("escalateTo") String escalateTo,
                             @JsonProperty("escalationTimeoutSeconds") long escalationTimeoutSeconds,
                             @JsonProperty("onReject") String onReject) {

    public static final String REJECT = "reject";
    public static final String ESCALATE = "escalate";
    public static final String CONTINUE = "continue";
    public static final String STOP = "stop";

    /** Default wait for a decision: 24 hours. */
    public static final long DEFAULT_TIMEOUT_SECONDS = 24 * 3600;

    /** Every side-effecting call held, 24 h to decide, rejected on timeout, the caller continues after a rejection. */
    public static final ApprovalPolicy DEFAULT =
            new ApprovalPolicy(List.of(), DEFAULT_TIMEOUT_SECONDS, REJECT, null, DEFAULT_TIMEOUT_SECONDS, CONTINUE);

    @JsonCreator
    public ApprovalPolicy {
        unattended = unattended == null ? List.of() : List.copyOf(unattended);
        onTimeout = onTimeout == null ? REJECT : onTimeout;
        onReject = onReject == null ? CONTINUE : onReject;
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("approval timeoutSeconds must be at least 1; got " + timeoutSeconds);
        }
        if (escalationTimeoutSeconds < 1) {
            escalationTimeoutSeconds = timeoutSeconds;
        }
        if (!List.of(REJECT, ESCALATE).contains(onTimeout)) {
            throw new IllegalArgumentException("approval onTimeout must be 'reject' or 'escalate'; got '" + onTimeout + "'");
        }
        if (!List.of(CONTINUE, STOP).contains(onReject)) {
            throw new IllegalArgumentException("approval onReject must be 'continue' or 'stop'; got '" + onReject + "'");
        }
    }

    /** The policy itself, or {@link #DEFAULT} when {@code policy} is null. */
    public static ApprovalPolicy orDefault(ApprovalPolicy policy) {
        return policy == null ? DEFAULT : policy;
    }

    /** True when calls of {@code tool} may run without approval. */
    public boolean unattended(String tool) {
        return unattended.contains(Objects.requireNonNull(tool, "tool"));
    }
}
