package dev.guild.tools.booking.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guild.tools.booking.Booking;
import dev.guild.tools.booking.BookingException;
import dev.guild.tools.booking.BookingProvider;
import dev.guild.tools.booking.BookingStatus;
import dev.guild.tools.booking.Resource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The built-in reservation service on PostgreSQL (tables of migration {@code V202611251204__booking.sql}).
 *
 * <p>No double booking: a hold locks the resource's row ({@code SELECT ... FOR UPDATE}), so holds of one resource
 * run one after another, picks a unit with no live booking overlapping the period and inserts; the exclusion
 * constraint {@code booking_unit_period_free} refuses an overlap even if that logic were wrong. Idempotency: each
 * side effect takes an advisory transaction lock on its key, returns the booking recorded for the key if there is
 * one, and records the key in the same transaction as the effect. Time comes from the injected clock, so expiry is
 * decided by {@code expires_at <= now} in queries, not by a sweeper.
 */
public final class SqlBookingProvider implements BookingProvider {

    private static final String LIVE = "(b.status = 'confirmed' OR (b.status = 'held' AND b.expires_at > ?))";
    private static final String SELECT_BOOKING = """
            SELECT b.id, b.principal, lower(b.period) AS start_at, upper(b.period) AS end_at, b.status, b.attendees,
                   b.title, b.held_at, b.expires_at, b.confirmed_at, b.cancelled_at, r.definition
            FROM booking b JOIN booking_resource r ON r.id = b.resource_id""";

    private final Transactions transactions;
    private final CatalogSource catalog;
    private final Duration holdTtl;
    private final Clock clock;

    /**
     * @param catalogFile the catalog (YAML or JSON), re-read when it changes; a missing file is an empty catalog
     * @param holdTtl     how long a hold lasts unconfirmed
     */
    public SqlBookingProvider(DataSource dataSource, Path catalogFile, Duration holdTtl, Clock clock) {
        this.transactions = new Transactions(dataSource);
        this.holdTtl = holdTtl;
        this.clock = clock;
        CatalogStore store = new CatalogStore(transactions, clock);
        this.catalog = new CatalogSource(catalogFile, store::store);
    }

    @Override
    public Optional<Resource> resource(String resourceId) {
        return catalog.find(resourceId);
    }

    @Override
    public List<Availability> search(Query query) {
        Instant now = clock.instant();
        List<Availability> found = new ArrayList<>();
        for (Resource resource : catalog.current().values()) {
            if (found.size() >= query.limit()) {
                break;
            }
            if (!matches(resource, query)) {
                continue;
            }
            Resource.Period period = resource.schedule().orElse(query.period());
            int free = transactions.inTransaction("search availability", c -> freeUnits(c, resource.id(), period, now));
            if (free > 0) {
                found.add(new Availability(resource, period, free));
            }
        }
        return found;
    }

    private static boolean matches(Resource resource, Query query) {
        if (query.kind().isPresent() && !query.kind().get().equals(resource.kind())) {
            return false;
        }
        if (resource.capacity() < query.minCapacity()) {
            return false;
        }
        if (resource.schedule().isPresent()) {
            Resource.Period schedule = resource.schedule().get();
            if (schedule.start().isBefore(query.period().start()) || schedule.end().isAfter(query.period().end())) {
                return false;
            }
        }
        for (Map.Entry<String, JsonNode> wanted : query.attributes().entrySet()) {
            JsonNode actual = resource.attributes().get(wanted.getKey());
            if (actual == null || !(sameValue(actual, wanted.getValue()) || contains(actual, wanted.getValue()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(JsonNode list, JsonNode value) {
        if (!list.isArray()) {
            return false;
        }
        for (JsonNode item : list) {
            if (sameValue(item, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.isValueNode() && b.isValueNode() && a.asText().equalsIgnoreCase(b.asText())
                && a.isBoolean() == b.isBoolean();
    }

    private static int freeUnits(Connection c, String resourceId, Resource.Period period, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT count(*) FROM booking_unit u WHERE u.resource_id = ? AND u.active AND NOT EXISTS (
                    SELECT 1 FROM booking b WHERE b.unit_id = u.id AND b.period && tstzrange(?, ?, '[)') AND """ + LIVE + ")")) {
            s.setString(1, resourceId);
            s.setTimestamp(2, Timestamp.from(period.start()));
            s.setTimestamp(3, Timestamp.from(period.end()));
            s.setTimestamp(4, Timestamp.from(now));
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    @Override
    public Booking hold(HoldRequest request, String idempotencyKey) {
        Resource resource = catalog.find(request.resourceId()).orElseThrow(() -> new BookingException(
                "there is no resource '" + request.resourceId() + "' in the catalog; use a resourceId that"
                        + " search_availability returned"));
        ObjectNode requestJson = Json.MAPPER.valueToTree(request);
        return transactions.inTransaction("hold a booking", c -> {
            Optional<Booking> earlier = replay(c, "hold", idempotencyKey, requestJson);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            Instant now = clock.instant();
            try (PreparedStatement lock = c.prepareStatement(
                    "SELECT id FROM booking_resource WHERE id = ? AND active FOR UPDATE")) {
                lock.setString(1, resource.id());
                try (ResultSet rows = lock.executeQuery()) {
                    if (!rows.next()) {
                        throw new BookingException("resource '" + resource.id() + "' left the catalog; search again");
                    }
                }
            }
            try (PreparedStatement expire = c.prepareStatement(
                    "UPDATE booking SET status = 'expired' WHERE resource_id = ? AND status = 'held' AND expires_at <= ?")) {
                expire.setString(1, resource.id());
                expire.setTimestamp(2, Timestamp.from(now));
                expire.executeUpdate();
            }
            long unit;
            try (PreparedStatement pick = c.prepareStatement("""
                    SELECT u.id FROM booking_unit u WHERE u.resource_id = ? AND u.active AND NOT EXISTS (
                        SELECT 1 FROM booking b WHERE b.unit_id = u.id AND b.period && tstzrange(?, ?, '[)')
                        AND b.status IN ('held', 'confirmed'))
                    ORDER BY u.unit_no LIMIT 1""")) {
                pick.setString(1, resource.id());
                pick.setTimestamp(2, Timestamp.from(request.period().start()));
                pick.setTimestamp(3, Timestamp.from(request.period().end()));
                try (ResultSet rows = pick.executeQuery()) {
                    if (!rows.next()) {
                        throw new BookingException("all " + resource.units() + " unit(s) of '" + resource.id()
                                + "' are taken between " + request.period().start() + " and " + request.period().end()
                                + "; call search_availability for another time or resource");
                    }
                    unit = rows.getLong(1);
                }
            }
            String id = "bk_" + UUID.randomUUID().toString().replace("-", "");
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO booking (id, resource_id, unit_id, principal, period, status, attendees, title,
                                         held_at, expires_at)
                    VALUES (?, ?, ?, ?, tstzrange(?, ?, '[)'), 'held', ?, ?, ?, ?)""")) {
                insert.setString(1, id);
                insert.setString(2, resource.id());
                insert.setLong(3, unit);
                insert.setString(4, request.principal());
                insert.setTimestamp(5, Timestamp.from(request.period().start()));
                insert.setTimestamp(6, Timestamp.from(request.period().end()));
                insert.setInt(7, request.attendees());
                insert.setString(8, request.title() == null ? "" : request.title());
                insert.setTimestamp(9, Timestamp.from(now));
                insert.setTimestamp(10, Timestamp.from(now.plus(holdTtl)));
                insert.executeUpdate();
            } catch (SQLException e) {
                if ("23P01".equals(e.getSQLState())) { // booking_unit_period_free: the constraint caught an overlap
                    throw new BookingException("the unit of '" + resource.id() + "' was taken between "
                            + request.period().start() + " and " + request.period().end()
                            + " by a concurrent hold; call search_availability and hold again");
                }
                throw e;
            }
            record(c, "hold", idempotencyKey, requestJson, id);
            return read(c, id, false).orElseThrow();
        });
    }

    @Override
    public Booking confirm(String bookingId, String idempotencyKey) {
        ObjectNode requestJson = Json.MAPPER.createObjectNode().put("bookingId", bookingId);
        return transactions.inTransaction("confirm a booking", c -> {
            Optional<Booking> earlier = replay(c, "confirm", idempotencyKey, requestJson);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            Booking booking = read(c, bookingId, true).orElseThrow(() -> unknown(bookingId));
            switch (booking.status()) {
                case CONFIRMED -> {
                }
                case CANCELLED -> throw new BookingException("booking '" + bookingId + "' was cancelled at "
                        + booking.cancelledAt().orElseThrow() + " and cannot be confirmed; hold the resource again"
                        + " with hold_booking");
                case EXPIRED -> throw new BookingException("the hold '" + bookingId + "' expired at "
                        + booking.expiresAt() + " (holds last " + Times.human(holdTtl) + ") and its unit may be taken; call"
                        + " hold_booking again, then confirm_booking before the new hold expires");
                case HELD -> update(c, "UPDATE booking SET status = 'confirmed', confirmed_at = ? WHERE id = ?",
                        bookingId);
            }
            record(c, "confirm", idempotencyKey, requestJson, bookingId);
            return read(c, bookingId, false).orElseThrow();
        });
    }

    @Override
    public Booking cancel(String bookingId, String reason, String idempotencyKey) {
        ObjectNode requestJson = Json.MAPPER.createObjectNode().put("bookingId", bookingId);
        return transactions.inTransaction("cancel a booking", c -> {
            Optional<Booking> earlier = replay(c, "cancel", idempotencyKey, requestJson);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            Booking booking = read(c, bookingId, true).orElseThrow(() -> unknown(bookingId));
            if (booking.status() == BookingStatus.HELD || booking.status() == BookingStatus.CONFIRMED) {
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE booking SET status = 'cancelled', cancelled_at = ?, cancel_reason = ? WHERE id = ?")) {
                    s.setTimestamp(1, Timestamp.from(clock.instant()));
                    s.setString(2, reason == null ? "" : reason);
                    s.setString(3, bookingId);
                    s.executeUpdate();
                }
            }
            record(c, "cancel", idempotencyKey, requestJson, bookingId);
            return read(c, bookingId, false).orElseThrow();
        });
    }

    @Override
    public List<Booking> list(String principal, Instant from, Instant to, Optional<BookingStatus> status) {
        Instant now = clock.instant();
        return transactions.inTransaction("list bookings", c -> {
            List<Booking> bookings = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(SELECT_BOOKING
                    + " WHERE b.principal = ? AND b.period && tstzrange(?, ?, '[)') ORDER BY lower(b.period), b.id")) {
                s.setString(1, principal);
                s.setTimestamp(2, Timestamp.from(from));
                s.setTimestamp(3, Timestamp.from(to));
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        Booking booking = booking(rows, now);
                        if (status.isEmpty() || status.get() == booking.status()) {
                            bookings.add(booking);
                        }
                    }
                }
            }
            return bookings;
        });
    }

    private static BookingException unknown(String bookingId) {
        return new BookingException("there is no booking '" + bookingId + "'; use the bookingId that hold_booking"
                + " returned, or list_bookings to find it");
    }

    private void update(Connection c, String sql, String bookingId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.from(clock.instant()));
            s.setString(2, bookingId);
            s.executeUpdate();
        }
    }

    /** The booking recorded for this key, after waiting for any other transaction that holds the key. */
    private Optional<Booking> replay(Connection c, String operation, String key, JsonNode request) throws SQLException {
        Transactions.lock(c, "booking/" + operation + "/" + key);
        try (PreparedStatement s = c.prepareStatement(
                "SELECT request, booking_id FROM booking_idempotency WHERE operation = ? AND idempotency_key = ?")) {
            s.setString(1, operation);
            s.setString(2, key);
            try (ResultSet rows = s.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                JsonNode first = parse(rows.getString(1));
                if (!first.equals(request)) {
                    throw new BookingException("idempotency key '" + key + "' was already used for another "
                            + operation + " request (" + first + "); a repeated key must repeat the same arguments,"
                            + " a new request needs a new key");
                }
                return read(c, rows.getString(2), false);
            }
        }
    }

    private void record(Connection c, String operation, String key, JsonNode request, String bookingId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO booking_idempotency (operation, idempotency_key, request, booking_id, created_at)
                VALUES (?, ?, ?::jsonb, ?, ?)""")) {
            s.setString(1, operation);
            s.setString(2, key);
            s.setString(3, request.toString());
            s.setString(4, bookingId);
            s.setTimestamp(5, Timestamp.from(clock.instant()));
            s.executeUpdate();
        }
    }

    private Optional<Booking> read(Connection c, String bookingId, boolean forUpdate) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SELECT_BOOKING + " WHERE b.id = ?"
                + (forUpdate ? " FOR UPDATE OF b" : ""))) {
            s.setString(1, bookingId);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? Optional.of(booking(rows, clock.instant())) : Optional.empty();
            }
        }
    }

    private static Booking booking(ResultSet rows, Instant now) throws SQLException {
        BookingStatus status = BookingStatus.fromWire(rows.getString("status"));
        Instant expiresAt = rows.getTimestamp("expires_at").toInstant();
        if (status == BookingStatus.HELD && !expiresAt.isAfter(now)) {
            status = BookingStatus.EXPIRED;
        }
        Resource resource;
        try {
            resource = Json.MAPPER.readValue(rows.getString("definition"), Resource.class);
        } catch (JsonProcessingException e) {
            throw new SQLException("stored resource definition is not readable: " + e.getOriginalMessage(), e);
        }
        return new Booking(rows.getString("id"), resource, rows.getString("principal"),
                new Resource.Period(rows.getTimestamp("start_at").toInstant(), rows.getTimestamp("end_at").toInstant()),
                status, rows.getInt("attendees"), rows.getString("title"),
                rows.getTimestamp("held_at").toInstant(), expiresAt,
                Optional.ofNullable(rows.getTimestamp("confirmed_at")).map(Timestamp::toInstant),
                Optional.ofNullable(rows.getTimestamp("cancelled_at")).map(Timestamp::toInstant));
    }

    private static JsonNode parse(String json) throws SQLException {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SQLException("stored idempotency request is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
