package dev.guild.server.approvals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.workflows.RunEvent;
import dev.guild.workflows.RunEventTypes;
import dev.guild.workflows.approval.ApprovalView;

import dev.guild.server.sql.Sql;

import javax.sql.DataSource;
import java.util.List;
import java.util.Optional;

/**
 * Approvals in PostgreSQL (table {@code approvals}): projected from the approval run events and updated by the API's
 * decisions. Every write is idempotent, so a replayed event changes nothing.
 */
public final class ApprovalStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "approval_id, workflow_id, step, tool, arguments, hash, state, requested_at,"
            + " expires_at, escalated_to, decided_by, comment, decided_at";
    private static final String REQUESTED = "INSERT INTO approvals (approval_id, run_id, workflow_id, step, tool,"
            + " arguments, hash, state, requested_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)"
            + " ON CONFLICT (approval_id) DO NOTHING";
    private static final String ESCALATED = "UPDATE approvals SET escalated_to = ?, expires_at = ?, updated_at = now()"
            + " WHERE approval_id = ? AND state = 'pending'";
    private static final String DECIDED = "UPDATE approvals SET state = ?, decided_by = ?, comment = ?, decided_at = ?,"
            + " updated_at = now() WHERE approval_id = ? AND (state = 'pending' OR state = ?)";

    private final DataSource dataSource;

    public ApprovalStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Applies the approval events among {@code events}; other types are ignored. */
    public void apply(List<RunEvent> events) {
        for (RunEvent event : events) {
            if (!event.type().startsWith("approval.")) {
                continue;
            }
            JsonNode data = read(event.data());
            String id = data.path("approvalId").asText("");
            if (id.isBlank()) {
                continue; // not an approval event Guild wrote; nothing to record
            }
            switch (event.type()) {
                case RunEventTypes.APPROVAL_REQUESTED -> update(REQUESTED, id, event.runId(),
                        data.path("workflowId").asText(), data.path("step").asText(), data.path("tool").asText(),
                        data.path("arguments").toString(), data.path("hash").asText(), data.path("requestedAt").asText(),
                        data.path("expiresAt").asText(null));
                case RunEventTypes.APPROVAL_ESCALATED -> update(ESCALATED, data.path("escalateTo").asText(null),
                        data.path("expiresAt").asText(null), id);
                case RunEventTypes.APPROVAL_DECIDED -> recordDecision(id, data.path("decision").asText(),
                        data.path("decidedBy").asText(), data.path("comment").asText(null),
                        data.path("decidedAt").asText(null));
                default -> {
                }
            }
        }
    }

    /** Records a decision ({@code approved} or {@code rejected}) unless another one was recorded before. */
    public void recordDecision(String approvalId, String state, String decidedBy, String comment, String decidedAt) {
        update(DECIDED, state, decidedBy, comment, decidedAt, approvalId, state);
    }

    public Optional<ApprovalView> find(String runId, String approvalId) {
        return query("SELECT " + COLUMNS + " FROM approvals WHERE run_id = ? AND approval_id = ?", runId, approvalId)
                .stream().findFirst();
    }

    /** The approvals of a run in request order. */
    public List<ApprovalView> list(String runId) {
        return query("SELECT " + COLUMNS + " FROM approvals WHERE run_id = ? ORDER BY requested_at, approval_id", runId);
    }



    private void update(String sql, String... values) {
        Sql.update(dataSource, "writing an approval", sql, values);
    }

    private List<ApprovalView> query(String sql, String... values) {
        return Sql.query(dataSource, "reading approvals", rows -> new ApprovalView(rows.getString(1),
                rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5), rows.getString(6),
                rows.getString(7), rows.getString(8), rows.getString(9), rows.getString(10), rows.getString(11),
                rows.getString(12), rows.getString(13)), sql, values);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json == null ? "{}" : json);
        } catch (Exception e) {
            return JSON.missingNode();
        }
    }
}
