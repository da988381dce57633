package dev.guild.tools.booking.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.guild.tools.booking.Resource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

/** Stores a catalog version: upserts resources and their units, retires what left the catalog. */
final class CatalogStore {

    private final Transactions transactions;
    private final Clock clock;

    CatalogStore(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    void store(List<Resource> resources) {
        transactions.inTransaction("store the booking catalog", connection -> {
            Transactions.lock(connection, "booking-catalog");
            Timestamp now = Timestamp.from(clock.instant());
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO booking_resource (id, kind, definition, active, updated_at)
                    VALUES (?, ?, ?::jsonb, true, ?)
                    ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, definition = excluded.definition,
                        active = true, updated_at = excluded.updated_at""");
                 PreparedStatement units = connection.prepareStatement("""
                         INSERT INTO booking_unit (resource_id, unit_no, active)
                         SELECT ?, n, true FROM generate_series(1, ?) AS n
                         ON CONFLICT (resource_id, unit_no) DO UPDATE SET active = true""");
                 PreparedStatement retireUnits = connection.prepareStatement(
                         "UPDATE booking_unit SET active = false WHERE resource_id = ? AND unit_no > ? AND active")) {
                for (Resource resource : resources) {
                    upsert.setString(1, resource.id());
                    upsert.setString(2, resource.kind());
                    upsert.setString(3, json(resource));
                    upsert.setTimestamp(4, now);
                    upsert.executeUpdate();
                    units.setString(1, resource.id());
                    units.setInt(2, resource.units());
                    units.executeUpdate();
                    retireUnits.setString(1, resource.id());
                    retireUnits.setInt(2, resource.units());
                    retireUnits.executeUpdate();
                }
            }
            try (PreparedStatement retire = connection.prepareStatement(
                    "UPDATE booking_resource SET active = false, updated_at = ? WHERE active AND NOT (id = ANY (?))")) {
                retire.setTimestamp(1, now);
                retire.setArray(2, connection.createArrayOf("text", resources.stream().map(Resource::id).toArray()));
                retire.executeUpdate();
            }
            return null;
        });
    }

    static String json(Resource resource) {
        try {
            return Json.MAPPER.writeValueAsString(resource);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("resource " + resource.id() + " cannot be written as JSON: " + e.getMessage(), e);
        }
    }
}
