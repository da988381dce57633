package dev.guild.server.events;

import dev.guild.workflows.RunEvent;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Run events in PostgreSQL (table {@code run_events}), deduplicated by event id. */
public final class RunEventStore {
    private static final String INSERT = "INSERT INTO run_events (event_id, run_id, sequence, type, event_time, data)"
            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String SELECT = "SELECT event_id, run_id, sequence, type, event_time, data FROM run_events"
            + " WHERE run_id = ? AND sequence > ? ORDER BY sequence LIMIT ?";

    private final DataSource dataSource;

    public RunEventStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores the events in one transaction.
     *
     * @return the events that were new (not stored before), in the given order
     */
    public List<RunEvent> insertAll(List<RunEvent> events) {
        List<RunEvent> inserted = new ArrayList<>(events.size());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (RunEvent event : events) {
                    insert.setString(1, event.id());
                    insert.setString(2, event.runId());
                    insert.setLong(3, event.sequence());
                    insert.setString(4, event.type());
                    insert.setString(5, event.time());
                    insert.setString(6, event.data() == null ? "{}" : event.data());
                    if (insert.executeUpdate() == 1) {
                        inserted.add(event);
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("storing " + events.size() + " run event(s) in PostgreSQL failed: "
                    + e.getMessage(), e);
        }
        return inserted;
    }

    /** Events of the run with a sequence above {@code afterSequence}, in sequence order, at most {@code limit}. */
    public List<RunEvent> events(String runId, long afterSequence, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, runId);
            select.setLong(2, afterSequence);
            select.setInt(3, limit);
            List<RunEvent> events = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(new RunEvent(rows.getString(1), rows.getString(2), rows.getLong(3), rows.getString(4),
                            rows.getString(5), rows.getString(6)));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the events of run " + runId + " from PostgreSQL failed: "
                    + e.getMessage(), e);
        }
    }
}
