package dev.guild.server.runs.internal;

import dev.guild.server.hooks.AcceptedRuns;
import dev.guild.server.hooks.DedupeKey;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** {@link AcceptedRuns} in PostgreSQL (table {@code accepted_runs}), read by {@code GET /api/runs/{id}}. */
public final class PostgresAcceptedRuns implements AcceptedRuns {
    private static final String INSERT = "INSERT INTO accepted_runs (run_id, trigger_name, delivery_id, workflow_name)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String SELECT = "SELECT workflow_name, accepted_at FROM accepted_runs WHERE run_id = ?";

    /** One accepted run: the workflow it starts and when it was accepted (RFC 3339 UTC). */
    public record Accepted(String workflowName, String acceptedAt) {
    }

    private final DataSource dataSource;

    PostgresAcceptedRuns(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void accepted(DedupeKey key, String workflowName) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, key.runId());
            insert.setString(2, key.trigger());
            insert.setString(3, key.webhookId());
            insert.setString(4, workflowName);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("noting accepted run " + key.runId() + " in PostgreSQL failed: "
                    + e.getMessage(), e);
        }
    }

    public Optional<Accepted> find(String runId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, runId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(new Accepted(rows.getString(1),
                        rows.getTimestamp(2).toInstant().toString())) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading accepted run " + runId + " from PostgreSQL failed: "
                    + e.getMessage(), e);
        }
    }
}
