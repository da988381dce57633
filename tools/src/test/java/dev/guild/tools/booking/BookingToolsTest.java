package dev.guild.tools.booking;

import dev.guild.tools.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guild.tools.ToolCall;
import dev.guild.tools.ToolEnvironment;
import dev.guild.tools.ToolRegistry;
import dev.guild.tools.ToolResult;
import dev.guild.tools.ToolSettings;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The booking tools through the registry, on a real PostgreSQL migrated by Flyway. */
class BookingToolsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir
    Path dir;

    private DataSource db;
    private MutableClock clock;
    private ToolEnvironment env;
    private ToolRegistry tools;
    private Path catalog;
    private int keys;

    @BeforeEach
    void start() throws Exception {
        db = TestDatabase.fresh();
        clock = new MutableClock(NOW);
        catalog = dir.resolve("catalog.yaml");
        Files.copy(Path.of("../examples/booking/catalog.yaml"), catalog);
        env = ToolEnvironment.builder(dir).dataSource(db).clock(clock)
                .settings(ToolSettings.of(Map.of("guild.tools.booking.catalog", catalog.toString(),
                        "guild.tools.booking.hold-ttl", "10m")))
                .build();
        tools = ToolRegistry.load(getClass().getClassLoader(), env);
    }

    private ToolResult call(String tool, String key, String json) {
        try {
            return tools.invoke(new ToolCall(tool, key, JSON.readTree(json)));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private ToolResult call(String tool, String json) {
        return call(tool, "key-" + ++keys, json);
    }

    private static JsonNode ok(ToolResult result) {
        assertThat(result.ok()).as("tool result %s", result).isTrue();
        return result.output();
    }

    private String hold(String key, String resource, String start, String end) {
        return ok(call("hold_booking", key, """
                {"resourceId": "%s", "start": "%s", "end": "%s", "principal": "ada@example.com"}"""
                .formatted(resource, start, end))).get("bookingId").asText();
    }

    private long count(String sql) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void search_filters_by_kind_attributes_capacity_and_fare_times() {
        JsonNode rooms = ok(call("search_availability", """
                {"kind": "meeting_room", "attributes": {"city": "Berlin", "projector": true},
                 "start": "2026-12-01T09:00", "end": "2026-12-01T10:00", "timeZone": "Europe/Berlin", "attendees": 6}"""));
        JsonNode fares = ok(call("search_availability", """
                {"kind": "travel_fare", "attributes": {"to": "MUC"}, "start": "2026-12-01", "end": "2026-12-02"}"""));
        JsonNode none = ok(call("search_availability", """
                {"kind": "meeting_room", "start": "2026-12-01T09:00:00Z", "end": "2026-12-01T10:00:00Z", "attendees": 50}"""));

        assertThat(rooms.get("results")).extracting(r -> r.get("resourceId").asText()).containsExactly("berlin-spree");
        assertThat(rooms.get("results").get(0).get("start").asText()).isEqualTo("2026-12-01T09:00+01:00");
        assertThat(fares.get("results")).hasSize(1);
        assertThat(fares.get("results").get(0).get("freeUnits").asInt()).isEqualTo(30);
        assertThat(fares.get("results").get(0).get("start").asText()).isEqualTo("2026-12-01T07:00+01:00");
        assertThat(none.get("results")).isEmpty();
    }

    @Test
    void hold_confirm_list_cancel_and_the_invite_parses_as_icalendar() throws Exception {
        String id = ok(call("hold_booking", """
                {"resourceId": "berlin-spree", "start": "2026-12-01T09:00", "end": "2026-12-01T10:30",
                 "principal": "ada@example.com", "attendees": 5, "title": "Planning; Q1, budget \\\\ roadmap"}"""))
                .get("bookingId").asText();
        JsonNode confirmed = ok(call("confirm_booking", "{\"bookingId\": \"" + id + "\"}"));
        JsonNode listed = ok(call("list_bookings", "{\"principal\": \"ada@example.com\"}"));

        assertThat(confirmed.get("status").asText()).isEqualTo("confirmed");
        assertThat(listed.get("bookings")).extracting(b -> b.get("bookingId").asText()).containsExactly(id);
        String uri = confirmed.get("inviteUri").asText();
        assertThat(env.artifacts().get(uri).orElseThrow().contentType()).startsWith("text/calendar");
        try (InputStream in = env.artifacts().open(uri)) {
            Calendar calendar = new CalendarBuilder().build(new InputStreamReader(in, StandardCharsets.UTF_8));
            VEvent event = calendar.<VEvent>getComponent("VEVENT").orElseThrow();
            assertThat(calendar.getProperty("METHOD").orElseThrow().getValue()).isEqualTo("REQUEST");
            assertThat(event.getUid().orElseThrow().getValue()).isEqualTo(id + "@guild.booking");
            assertThat(event.getSummary().getValue()).isEqualTo("Planning; Q1, budget \\ roadmap");
            assertThat(event.getLocation().getValue()).isEqualTo("Guild Berlin, Alexanderplatz 1, 4th floor");
            assertThat(event.getDateTimeStart().getValue()).isEqualTo("20261201T080000Z");
            assertThat(event.getDateTimeEnd().getValue()).isEqualTo("20261201T093000Z");
            assertThat(event.getDateTimeStamp().getValue()).isEqualTo("20261125T120000Z");
        }

        JsonNode cancelled = ok(call("cancel_booking", "{\"bookingId\": \"" + id + "\", \"reason\": \"moved\"}"));
        assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.get("inviteUri").asText()).endsWith("-cancel.ics");
        // the unit is free again
        hold("k-again", "berlin-spree", "2026-12-01T09:00", "2026-12-01T10:30");
    }

    @Test
    void concurrent_holds_on_the_last_unit_give_exactly_one_success() throws Exception {
        int parallel = 32;
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<ToolResult>> results = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                String key = "race-" + i;
                Callable<ToolResult> hold = () -> {
                    go.await();
                    return call("hold_booking", key, """
                            {"resourceId": "berlin-havel", "start": "2026-12-02T14:00:00+01:00",
                             "end": "2026-12-02T15:00:00+01:00", "principal": "user-%s"}""".formatted(key));
                };
                results.add(pool.submit(hold));
            }
            go.countDown();
            int won = 0;
            for (Future<ToolResult> f : results) {
                ToolResult r = f.get();
                if (r.ok()) {
                    won++;
                } else {
                    assertThat(r.error()).contains("all 1 unit(s) of 'berlin-havel' are taken");
                }
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("SELECT count(*) FROM booking WHERE resource_id = 'berlin-havel'")).isEqualTo(1);
    }

    @Test
    void the_database_refuses_an_overlap_even_without_the_application() throws Exception {
        hold("k1", "berlin-havel", "2026-12-02T14:00:00Z", "2026-12-02T15:00:00Z");
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> s.executeUpdate("""
                    INSERT INTO booking (id, resource_id, unit_id, principal, period, status, attendees, title, held_at, expires_at)
                    SELECT 'sneaky', resource_id, unit_id, 'eve', tstzrange('2026-12-02T14:30Z', '2026-12-02T16:00Z', '[)'),
                           'confirmed', 1, '', now(), now() FROM booking LIMIT 1""")))
                    .hasMessageContaining("booking_unit_period_free");
        }
    }

    @Test
    void the_same_key_gives_the_same_booking_once_even_concurrently() throws Exception {
        String body = """
                {"resourceId": "berlin-desks", "start": "2026-12-03", "end": "2026-12-04", "principal": "ada@example.com"}""";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<ToolResult>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> call("hold_booking", "wf-1/act-3", body)));
            }
            for (Future<ToolResult> f : results) {
                assertThat(ok(f.get()).get("bookingId").asText()).isEqualTo(ok(results.getFirst().get()).get("bookingId").asText());
            }
        } finally {
            pool.shutdownNow();
        }
        String id = ok(results.getFirst().get()).get("bookingId").asText();
        JsonNode first = ok(call("confirm_booking", "wf-1/act-4", "{\"bookingId\": \"" + id + "\"}"));
        JsonNode again = ok(call("confirm_booking", "wf-1/act-4", "{\"bookingId\": \"" + id + "\"}"));
        ToolResult reused = call("hold_booking", "wf-1/act-3", body.replace("2026-12-04", "2026-12-05"));

        assertThat(again).isEqualTo(first);
        assertThat(count("SELECT count(*) FROM booking")).isEqualTo(1);
        assertThat(reused.error()).contains("idempotency key 'wf-1/act-3' was already used for another hold request");
        assertThat(ok(call("cancel_booking", "c1", "{\"bookingId\": \"" + id + "\"}")))
                .isEqualTo(ok(call("cancel_booking", "c1", "{\"bookingId\": \"" + id + "\"}")));
    }

    @Test
    void an_expired_hold_frees_its_unit_and_cannot_be_confirmed() {
        String first = hold("h1", "berlin-havel", "2026-12-02T14:00:00Z", "2026-12-02T15:00:00Z");
        ToolResult taken = call("hold_booking", """
                {"resourceId": "berlin-havel", "start": "2026-12-02T14:30:00Z", "end": "2026-12-02T15:30:00Z", "principal": "bob"}""");
        assertThat(taken.error()).contains("are taken");

        clock.advance(Duration.ofMinutes(10));

        ToolResult late = call("confirm_booking", "{\"bookingId\": \"" + first + "\"}");
        assertThat(late.ok()).isFalse();
        assertThat(late.error()).contains("the hold '" + first + "' expired at 2026-11-25T12:10:00Z")
                .contains("(holds last 10 minutes)").contains("call hold_booking again");
        hold("h2", "berlin-havel", "2026-12-02T14:30:00Z", "2026-12-02T15:30:00Z");
        JsonNode list = ok(call("list_bookings", "{\"principal\": \"ada@example.com\", \"status\": \"expired\"}"));
        assertThat(list.get("bookings")).extracting(b -> b.get("bookingId").asText()).containsExactly(first);
    }

    @Test
    void invalid_arguments_say_what_to_change() {
        assertThat(call("hold_booking", """
                {"resourceId": "munich-hotel-double", "start": "2026-12-03", "end": "2026-12-01", "principal": "ada"}""").error())
                .isEqualTo("`start` must be before `end`; got 2026-12-03 and 2026-12-01");
        assertThat(call("hold_booking", """
                {"resourceId": "munich-hotel-double", "start": "2026-11-01", "end": "2026-11-02", "principal": "ada"}""").error())
                .contains("`start` 2026-11-01 is in the past (now is 2026-11-25T13:00+01:00)");
        assertThat(call("hold_booking", """
                {"resourceId": "munich-hotel-double", "start": "next monday", "end": "2026-12-02", "principal": "ada"}""").error())
                .contains("`start` is not a date or time: 'next monday'");
        assertThat(call("hold_booking", """
                {"resourceId": "berlin-havel", "start": "2026-12-01T09:00", "end": "2026-12-01T10:00", "principal": "ada",
                 "attendees": 6}""").error())
                .contains("'berlin-havel' takes at most 4 people; got `attendees` 6");
        assertThat(call("hold_booking", """
                {"resourceId": "fare-ber-muc-2026-12-01-0700", "start": "2026-12-01T09:00", "end": "2026-12-01T10:00",
                 "principal": "ada"}""").error())
                .contains("has fixed times 2026-12-01T07:00+01:00 to 2026-12-01T08:10+01:00");
        assertThat(call("hold_booking", """
                {"resourceId": "moon-base", "start": "2026-12-01", "end": "2026-12-02", "principal": "ada"}""").error())
                .contains("there is no resource 'moon-base'");
        assertThat(call("hold_booking", """
                {"resourceId": "munich-hotel-double", "start": "2026-12-01", "end": "2027-03-01", "principal": "ada"}""").error())
                .contains("is longer than 31 days, the longest allowed");
        assertThat(call("confirm_booking", "{\"bookingId\": \"bk_nope\"}").error())
                .contains("there is no booking 'bk_nope'");
        assertThat(call("search_availability", "{\"start\": \"2026-12-01\", \"end\": \"2026-12-02\", \"timeZone\": \"Mars/Olympus\"}").error())
                .contains("`timeZone` 'Mars/Olympus' is not a time zone");
        assertThat(call("hold_booking", "{\"resourceId\": \"berlin-havel\"}").error())
                .contains("principal");
    }

    @Test
    void a_fare_is_held_at_its_fixed_times_and_hotel_dates_are_nights() {
        JsonNode fare = ok(call("hold_booking", """
                {"resourceId": "fare-ber-muc-2026-12-01-0700", "principal": "ada"}"""));
        JsonNode stay = ok(call("hold_booking", """
                {"resourceId": "munich-hotel-double", "start": "2026-12-01", "end": "2026-12-03", "principal": "ada"}"""));
        JsonNode next = ok(call("hold_booking", """
                {"resourceId": "munich-hotel-double", "start": "2026-12-03", "end": "2026-12-04", "principal": "ada"}"""));

        assertThat(fare.get("start").asText()).isEqualTo("2026-12-01T07:00+01:00");
        assertThat(fare.get("expiresAt").asText()).isEqualTo("2026-11-25T13:10+01:00");
        assertThat(stay.get("end").asText()).isEqualTo("2026-12-03T00:00+01:00");
        assertThat(next.get("status").asText()).isEqualTo("held");
    }

    @Test
    void catalog_edits_apply_on_the_next_call() throws Exception {
        Files.writeString(catalog, """
                resources:
                  - {id: lisbon-tejo, kind: meeting_room, name: Tejo, capacity: 10, timeZone: Europe/Lisbon}
                """);
        Files.setLastModifiedTime(catalog, java.nio.file.attribute.FileTime.from(NOW.plusSeconds(60)));

        JsonNode found = ok(call("search_availability", """
                {"kind": "meeting_room", "start": "2026-12-01", "end": "2026-12-02"}"""));

        assertThat(found.get("results")).extracting(r -> r.get("resourceId").asText()).containsExactly("lisbon-tejo");
        assertThat(call("hold_booking", """
                {"resourceId": "berlin-spree", "start": "2026-12-01", "end": "2026-12-02", "principal": "ada"}""").error())
                .contains("there is no resource 'berlin-spree'");

        Files.writeString(catalog, "resources:\n  - {id: lisbon-tejo, kind: meeting_room, name: Tejo, units: -1}\n");
        Files.setLastModifiedTime(catalog, java.nio.file.attribute.FileTime.from(NOW.plusSeconds(120)));
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> call("search_availability", """
                {"start": "2026-12-01", "end": "2026-12-02"}""")))
                .as("a half-edited catalog is not booked against; the call is retried until the file is fixed")
                .isInstanceOf(dev.guild.tools.ToolUnavailableException.class)
                .hasMessageContaining("resources[0].units: must be a whole number from 1 to 10000; got -1");
    }

    @Test
    void hold_and_confirm_name_cancel_as_their_compensation() {
        ToolCall holdCall = new ToolCall("hold_booking", "wf/9", (ObjectNode) JSON.valueToTree(Map.of(
                "resourceId", "berlin-spree", "start", "2026-12-01T09:00", "end", "2026-12-01T10:00", "principal", "ada")));
        ToolResult held = tools.invoke(holdCall);
        ToolCall undo = tools.get("hold_booking").compensation().orElseThrow().callFor(holdCall, held);

        assertThat(tools.get("confirm_booking").compensation().orElseThrow().tool()).isEqualTo("cancel_booking");
        assertThat(ok(tools.invoke(undo)).get("status").asText()).isEqualTo("cancelled");
    }
}
