package dev.guild.server.listen.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.workflows.EventSubscription;
import dev.guild.workflows.ports.EventSubscriptions;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@link EventSubscriptions} in PostgreSQL (table {@code event_subscriptions}); idempotent, as activities retry. */
public final class JdbcEventSubscriptions implements EventSubscriptions {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Map<String, String>>> FILTERS = new TypeReference<>() {
    };

    private final DataSource dataSource;

    public JdbcEventSubscriptions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void subscribe(EventSubscription subscription) {
        String sql = "INSERT INTO event_subscriptions (run_id, listen_id, filters) VALUES (?, ?, ?)"
                + " ON CONFLICT (run_id, listen_id) DO UPDATE SET filters = EXCLUDED.filters";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, subscription.runId());
            s.setString(2, subscription.listenId());
            s.setString(3, JSON.writeValueAsString(subscription.filters()));
            s.executeUpdate();
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot record the listen " + subscription.listenId() + " of run "
                    + subscription.runId() + ": " + e.getMessage() + "; the activity retries", e);
        }
    }

    @Override
    public void unsubscribe(String runId, String listenId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM event_subscriptions WHERE run_id = ? AND listen_id = ?")) {
            s.setString(1, runId);
            s.setString(2, listenId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot remove the listen " + listenId + " of run " + runId + ": "
                    + e.getMessage() + "; the activity retries", e);
        }
    }

    @Override
    public List<EventSubscription> all() {
        List<EventSubscription> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT run_id, listen_id, filters FROM event_subscriptions ORDER BY created_at");
             ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                out.add(new EventSubscription(rows.getString(1), rows.getString(2), JSON.readValue(rows.getString(3), FILTERS)));
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot read the event subscriptions: " + e.getMessage(), e);
        }
        return out;
    }
}
