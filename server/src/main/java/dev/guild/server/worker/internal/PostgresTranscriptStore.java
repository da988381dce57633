package dev.guild.server.worker.internal;

import dev.guild.workflows.ports.TranscriptConflictException;
import dev.guild.workflows.ports.TranscriptEntry;
import dev.guild.workflows.ports.TranscriptStore;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link TranscriptStore} in PostgreSQL (table {@code transcripts}). A write runs in one transaction under an
 * advisory lock of the transcript, so concurrent writers of one transcript are serialized and a write is all or
 * nothing.
 */
public final class PostgresTranscriptStore implements TranscriptStore {
    private final DataSource dataSource;

    public PostgresTranscriptStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void write(String runId, String transcriptId, List<TranscriptEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        for (int i = 1; i < entries.size(); i++) {
            if (entries.get(i).position() != entries.get(0).position() + i) {
                throw new IllegalArgumentException("transcript entries must have contiguous positions; got "
                        + entries.stream().map(TranscriptEntry::position).toList());
            }
        }
        int first = entries.get(0).position();
        int last = entries.get(entries.size() - 1).position();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                lock(connection, runId, transcriptId);
                int end = end(connection, runId, transcriptId);
                if (first > end) {
                    throw new IllegalArgumentException("transcript " + runId + "/" + transcriptId + " ends at position "
                            + end + "; a write starting at " + first + " would leave a gap");
                }
                Map<Integer, String> existing = writeKeys(connection, runId, transcriptId, first, last);
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO transcripts"
                        + " (run_id, transcript_id, position, write_key, message, metadata) VALUES (?, ?, ?, ?, ?, ?)")) {
                    for (TranscriptEntry entry : entries) {
                        String key = existing.get(entry.position());
                        if (key == null) {
                            insert.setString(1, runId);
                            insert.setString(2, transcriptId);
                            insert.setInt(3, entry.position());
                            insert.setString(4, entry.writeKey());
                            insert.setString(5, entry.message());
                            insert.setString(6, entry.metadata());
                            insert.addBatch();
                        } else if (!key.equals(entry.writeKey())) {
                            throw new TranscriptConflictException("transcript " + runId + "/" + transcriptId
                                    + " position " + entry.position() + " was written by '" + key + "', not by '"
                                    + entry.writeKey() + "'");
                        }
                    }
                    insert.executeBatch();
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("writing transcript " + runId + "/" + transcriptId + " failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public List<TranscriptEntry> load(String runId, String transcriptId, int from, int to) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT position, write_key, message, metadata"
                     + " FROM transcripts WHERE run_id = ? AND transcript_id = ? AND position >= ? AND position < ?"
                     + " ORDER BY position")) {
            select.setString(1, runId);
            select.setString(2, transcriptId);
            select.setInt(3, from);
            select.setInt(4, to);
            List<TranscriptEntry> entries = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(new TranscriptEntry(rows.getInt(1), rows.getString(2), rows.getString(3),
                            rows.getString(4)));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new IllegalStateException("reading transcript " + runId + "/" + transcriptId + " failed: "
                    + e.getMessage(), e);
        }
    }

    private static void lock(Connection connection, String runId, String transcriptId) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            lock.setString(1, runId + "/" + transcriptId);
            lock.execute();
        }
    }

    private static int end(Connection connection, String runId, String transcriptId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT COALESCE(MAX(position) + 1, 0) FROM transcripts WHERE run_id = ? AND transcript_id = ?")) {
            select.setString(1, runId);
            select.setString(2, transcriptId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static Map<Integer, String> writeKeys(Connection connection, String runId, String transcriptId,
                                                  int first, int last) throws SQLException {
        Map<Integer, String> keys = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT position, write_key FROM transcripts"
                + " WHERE run_id = ? AND transcript_id = ? AND position BETWEEN ? AND ?")) {
            select.setString(1, runId);
            select.setString(2, transcriptId);
            select.setInt(3, first);
            select.setInt(4, last);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    keys.put(rows.getInt(1), rows.getString(2));
                }
            }
        }
        return keys;
    }
}
