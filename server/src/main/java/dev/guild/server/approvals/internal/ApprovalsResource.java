package dev.guild.server.approvals.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.server.approvals.ApprovalStore;
import dev.guild.server.approvals.ApprovalsConfig;
import dev.guild.server.events.RunEventStore;
import dev.guild.server.hooks.ErrorBody;
import dev.guild.workflows.approval.ApprovalDecision;
import dev.guild.workflows.approval.ApprovalView;
import dev.guild.workflows.approval.Approvals;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateStage;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET /api/runs/{id}/approvals} lists a run's approvals (pending and decided);
 * {@code POST /api/runs/{id}/approvals/{approvalId}} with {@code {decision: approve|reject, hash, comment}} decides
 * one, as the person named by the identity header ({@link ApprovalsConfig#identityHeader()}), through the Temporal
 * update {@link Approvals#DECIDE} of the workflow that holds the call.
 */
@Path("/api/runs/{id}/approvals")
@Produces(MediaType.APPLICATION_JSON)
public class ApprovalsResource {

    /** Largest decision body, in bytes. */
    static final int MAX_BODY_BYTES = 16 * 1024;
    /** Longest comment, in characters. */
    static final int MAX_COMMENT_CHARS = 2000;
    /** Longest identity, in characters. */
    static final int MAX_IDENTITY_CHARS = 200;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ApprovalStore approvals;

    @Inject
    RunEventStore events;

    @Inject
    WorkflowClient client;

    @Inject
    ApprovalsConfig config;

    @GET
    public Response list(@PathParam("id") String runId) {
        if (events.events(runId, 0, 1).isEmpty()) {
            return unknownRun(runId);
        }
        return Response.ok(approvals.list(runId)).build();
    }

    @POST
    @Path("{approvalId}")
    @Consumes(MediaType.WILDCARD)
    public Response decide(@PathParam("id") String runId, @PathParam("approvalId") String approvalId,
                           @Context HttpHeaders headers, byte[] body) {
        String identity = headers.getHeaderString(config.identityHeader());
        if (identity == null || identity.isBlank()) {
            return error(401, "no_identity", "the request does not say who decides: header " + config.identityHeader()
                    + " is missing", "Send the decider's identity in " + config.identityHeader() + " (normally set"
                    + " by the authenticating proxy in front of Guild)");
        }
        if (identity.length() > MAX_IDENTITY_CHARS) {
            return error(400, "bad_identity", "header " + config.identityHeader() + " has " + identity.length()
                    + " characters, more than " + MAX_IDENTITY_CHARS, "Send a user name or e-mail address");
        }
        MediaType type = headers.getMediaType();
        if (type == null || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            return error(415, "unsupported_media_type", "Content-Type '" + (type == null ? "" : type)
                    + "' is not JSON", "Send {\"decision\": \"approve\", \"hash\": \"sha256:...\", \"comment\": \"...\"}"
                    + " with Content-Type: application/json");
        }
        if (body != null && body.length > MAX_BODY_BYTES) {
            return error(413, "body_too_large", "the decision has " + body.length + " bytes, more than the limit of "
                    + MAX_BODY_BYTES, "Shorten the comment (at most " + MAX_COMMENT_CHARS + " characters)");
        }
        JsonNode json;
        try {
            json = JSON.readTree(body == null ? new byte[0] : body);
        } catch (Exception e) {
            return error(400, "malformed_json", "the body is not valid JSON: " + e.getMessage().lines().findFirst()
                    .orElse(""), "Send {\"decision\": \"approve\" or \"reject\", \"hash\": \"sha256:...\", \"comment\": \"...\"}");
        }
        Optional<Response> invalid = checkBody(json);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        if (events.events(runId, 0, 1).isEmpty()) {
            return unknownRun(runId);
        }
        ApprovalView held = approvals.find(runId, approvalId).orElse(null);
        if (held == null) {
            return error(404, "unknown_approval", "run '" + shown(runId) + "' has no approval '" + shown(approvalId)
                    + "'", "List its approvals with GET /api/runs/" + shown(runId) + "/approvals (an approval shows"
                    + " up there a moment after its approval.requested event)");
        }
        String decision = json.get("decision").asText();
        String hash = json.get("hash").asText();
        String comment = json.hasNonNull("comment") ? json.get("comment").asText() : null;
        if (!held.pending()) {
            return error(409, "already_decided", "approval '" + approvalId + "' was already " + held.state() + " by "
                    + held.decidedBy() + " at " + held.decidedAt(), "Nothing to do: a decision is final");
        }
        if (!held.hash().equals(hash)) {
            return hashMismatch(hash, held);
        }
        return send(runId, held, new ApprovalDecision(approvalId, decision, hash, comment, identity));
    }

    private Response send(String runId, ApprovalView held, ApprovalDecision decision) {
        WorkflowStub stub = client.newUntypedWorkflowStub(held.workflowId(), Optional.empty(), Optional.empty());
        ApprovalView decided;
        try {
            decided = stub.startUpdate(Approvals.DECIDE, WorkflowUpdateStage.COMPLETED, ApprovalView.class, decision)
                    .getResultAsync().get(config.decisionTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return error(503, "not_accepted_in_time", "the run did not take the decision within "
                    + config.decisionTimeout() + " (is a worker running?)", "Retry; the decision was not recorded");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(503, "interrupted", "interrupted while sending the decision", "Retry");
        } catch (Exception e) {
            Throwable failure = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
            Optional<Approvals.Refusal> refusal = Approvals.refusal(failure);
            if (refusal.isPresent()) {
                return refused(refusal.get(), held);
            }
            if (causedBy(failure, WorkflowNotFoundException.class)) {
                return error(409, "run_not_waiting", "run '" + shown(runId) + "' is no longer waiting for approval '"
                        + held.approvalId() + "': its workflow " + held.workflowId() + " has ended",
                        "Look at the run with GET /api/runs/" + shown(runId));
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(
                    "sending the decision to " + held.workflowId() + " failed: " + failure.getMessage(), failure);
        }
        approvals.recordDecision(decided.approvalId(), decided.state(), decided.decidedBy(), decided.comment(),
                decided.decidedAt());
        return Response.ok(decided).build();
    }

    private static Optional<Response> checkBody(JsonNode json) {
        String shape = "Send {\"decision\": \"approve\" or \"reject\", \"hash\": \"<the hash of the approval.requested"
                + " event>\", \"comment\": \"...\"}";
        if (json == null || !json.isObject()) {
            return Optional.of(error(400, "bad_decision", "the body must be a JSON object", shape));
        }
        String decision = json.path("decision").asText("").toLowerCase(Locale.ROOT);
        if (!json.path("decision").isTextual()
                || !(decision.equals(ApprovalDecision.APPROVE) || decision.equals(ApprovalDecision.REJECT))) {
            return Optional.of(error(400, "bad_decision", "'decision' must be \"approve\" or \"reject\"; got "
                    + json.get("decision"), shape));
        }
        if (!json.path("hash").isTextual() || !json.get("hash").asText().startsWith("sha256:")) {
            return Optional.of(error(400, "bad_decision", "'hash' must be the call's \"sha256:...\" hash; got "
                    + json.get("hash"), shape));
        }
        JsonNode comment = json.get("comment");
        if (comment != null && !comment.isNull() && (!comment.isTextual() || comment.asText().length() > MAX_COMMENT_CHARS)) {
            return Optional.of(error(400, "bad_decision", "'comment' must be text of at most " + MAX_COMMENT_CHARS
                    + " characters; got " + (comment.isTextual() ? comment.asText().length() + " characters" : comment), shape));
        }
        return Optional.empty();
    }

    private static Response refused(Approvals.Refusal refusal, ApprovalView held) {
        return switch (refusal.type()) {
            case Approvals.UNKNOWN -> error(404, "unknown_approval", refusal.message(), "List the run's approvals");
            case Approvals.ALREADY_DECIDED -> error(409, "already_decided", refusal.message(), "Nothing to do: a decision is final");
            case Approvals.HASH_MISMATCH -> error(409, "hash_mismatch", refusal.message(),
                    "Review the held call (tool '" + held.tool() + "', arguments " + held.arguments() + ") and send its hash");
            default -> error(400, "bad_decision", refusal.message(), "Send approve or reject");
        };
    }

    private static Response hashMismatch(String hash, ApprovalView held) {
        return error(409, "hash_mismatch", "the decision is for call hash " + shown(hash) + " but approval '"
                + held.approvalId() + "' holds a call of '" + held.tool() + "' with hash " + held.hash()
                + "; an approval covers one exact call", "Review the held call (arguments " + held.arguments()
                + ") and send its hash");
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static Response unknownRun(String runId) {
        return error(404, "unknown_run", "No run with id '" + shown(runId) + "' is known: no event of it has been stored",
                "Use the runId from the 202 answer of POST /hooks/<trigger>");
    }

    static String shown(String value) {
        return value.length() <= 120 ? value : value.substring(0, 120) + "...";
    }

    static Response error(int status, String code, String message, String fix) {
        return Response.status(status).entity(new ErrorBody(code, message, fix)).build();
    }
}
