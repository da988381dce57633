package dev.guild.workflows.approval;

import io.temporal.failure.ApplicationFailure;

import java.util.List;
import java.util.Optional;

/**
 * Wire names of the approval protocol between the API and the workflows that hold calls ({@code RunWorkflow} and
 * {@code AgentWorkflow} both implement it): the Temporal update that decides, the query that lists, and the
 * failure types an invalid decision is refused with.
 */
public final class Approvals {
    /** Temporal update name: decide one approval ({@link ApprovalDecision} in, {@link ApprovalView} out). */
    public static final String DECIDE = "approval.decide";
    /** Temporal query name: every approval of the workflow, pending and decided. */
    public static final String LIST = "approvals";

    /** Refusal type: no approval with that id is held by the workflow. */
    public static final String UNKNOWN = "guild.approval.unknown";
    /** Refusal type: the approval was decided already. */
    public static final String ALREADY_DECIDED = "guild.approval.already-decided";
    /** Refusal type: the decision's hash is not the held call's hash. */
    public static final String HASH_MISMATCH = "guild.approval.hash-mismatch";
    /** Refusal type: the decision is neither approve nor reject, or names nobody. */
    public static final String BAD_DECISION = "guild.approval.bad-decision";

    /** Why a decision was refused: one of the refusal types above and the message. */
    public record Refusal(String type, String message) {
    }

    /**
     * The failure the update validator throws: the type also leads the message as {@code <type>: }, because the
     * SDK hands a validator's failure to the caller under a type of its own.
     */
    public static ApplicationFailure refuse(String type, String message) {
        return ApplicationFailure.newNonRetryableFailure(type + ": " + message, type);
    }

    /**
     * The refusal in a failed {@link #DECIDE} update, or empty when the update failed for another reason (the
     * workflow is closed, unreachable, ...).
     */
    public static Optional<Refusal> refusal(Throwable updateFailure) {
        for (Throwable cause = updateFailure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApplicationFailure failure && failure.getOriginalMessage() != null) {
                String message = failure.getOriginalMessage();
                for (String type : List.of(UNKNOWN, ALREADY_DECIDED, HASH_MISMATCH, BAD_DECISION)) {
                    if (message.startsWith(type + ": ")) {
                        return Optional.of(new Refusal(type, message.substring(type.length() + 2)));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private Approvals() {
    }
}
