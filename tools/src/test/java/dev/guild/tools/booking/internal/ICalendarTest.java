package dev.guild.tools.booking.internal;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.guild.tools.booking.Booking;
import dev.guild.tools.booking.BookingStatus;
import dev.guild.tools.booking.Resource;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ICalendarTest {

    private static Booking booking(String title, String location) {
        Resource resource = new Resource("r-1", "meeting_room", "Zürich «Limmat»", 1, 8, ZoneId.of("Europe/Zurich"),
                location, Map.of("city", TextNode.valueOf("Zürich")), Optional.empty());
        return new Booking("bk_1", resource, "ada@example.com",
                new Resource.Period(Instant.parse("2026-12-01T08:00:00Z"), Instant.parse("2026-12-01T09:00:00Z")),
                BookingStatus.CONFIRMED, 3, title, Instant.parse("2026-11-25T12:00:00Z"),
                Instant.parse("2026-11-25T12:15:00Z"), Optional.of(Instant.parse("2026-11-25T12:05:00Z")),
                Optional.empty());
    }

    @Test
    void long_lines_are_folded_at_75_octets_without_splitting_characters() throws Exception {
        String title = "Überprüfung der Quartalsplanung – äöü ÄÖÜ ß; Ziele, Budget und Risiken ".repeat(4) + "😀 end";
        byte[] ics = ICalendar.request(booking(title, "Raum 3, Bahnhofstrasse 1\nZürich"), "bookings@example.com");
        String text = new String(ics, StandardCharsets.UTF_8);

        for (String line : text.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
        }
        assertThat(text).endsWith("END:VCALENDAR\r\n").doesNotContain("\n\n").contains("\r\n ");
        assertThat(text.replace("\r\n ", "")).contains("SUMMARY:" + title.replace(";", "\\;").replace(",", "\\,"))
                .contains("LOCATION:Raum 3\\, Bahnhofstrasse 1\\nZürich");

        Calendar calendar = new CalendarBuilder().build(new StringReader(text));
        VEvent event = calendar.<VEvent>getComponent("VEVENT").orElseThrow();
        assertThat(event.getSummary().getValue()).isEqualTo(title);
        assertThat(event.getLocation().getValue()).isEqualTo("Raum 3, Bahnhofstrasse 1\nZürich");
        assertThat(event.getUid().orElseThrow().getValue()).isEqualTo("bk_1@guild.booking");
        assertThat(event.getDateTimeStamp().getValue()).isEqualTo("20261125T120500Z");
        assertThat(calendar.validate().hasErrors()).as(calendar.validate().toString()).isFalse();
    }

    @Test
    void the_same_booking_gives_the_same_bytes_and_a_cancellation_has_its_own_method() {
        Booking b = booking("Sync", "");
        assertThat(ICalendar.request(b, "o@example.com")).isEqualTo(ICalendar.request(b, "o@example.com"));
        String cancel = new String(ICalendar.cancel(b, "o@example.com"), StandardCharsets.UTF_8);
        assertThat(cancel).contains("METHOD:CANCEL\r\n").contains("STATUS:CANCELLED\r\n").contains("SEQUENCE:1\r\n")
                .doesNotContain("LOCATION").contains("ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:ada@example.com");
        Booking forTeam = new Booking(b.bookingId(), b.resource(), "team-berlin", b.period(), b.status(), 1, "",
                b.heldAt(), b.expiresAt(), b.confirmedAt(), b.cancelledAt());
        assertThat(new String(ICalendar.request(forTeam, "o@example.com"), StandardCharsets.UTF_8))
                .contains("METHOD:PUBLISH\r\n").doesNotContain("ATTENDEE");
    }
}
