package dev.guild.tools.booking.internal;

import dev.guild.tools.booking.Booking;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Writes a booking as an iCalendar (RFC 5545) invite: one VEVENT, times in UTC, text escaped (section 3.3.11) and
 * lines folded at 75 octets without splitting a UTF-8 character (section 3.1). The output depends only on the
 * booking and the organizer, so writing it twice gives the same bytes (and the same artifact).
 *
 * <p>When the principal is an e-mail address it is the ATTENDEE and the method is the iTIP (RFC 5546)
 * {@code REQUEST} or {@code CANCEL}; otherwise there is nobody to invite and the method is {@code PUBLISH}.
 */
public final class ICalendar {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String PRODUCT = "-//Guild//Booking 1.0//EN";

    private static final Pattern EMAIL = Pattern.compile("[^@\\s:;,\"<>]+@[^@\\s:;,\"<>]+\\.[^@\\s:;,\"<>]+");

    /**
     * An invite for a confirmed booking (DTSTAMP: when it was confirmed).
     *
     * @param organizer the ORGANIZER's address, e.g. {@code bookings@example.com}
     */
    public static byte[] request(Booking booking, String organizer) {
        return write(booking, organizer, "REQUEST", "CONFIRMED", 0, booking.confirmedAt().orElse(booking.heldAt()));
    }

    /** The cancellation of a booking (DTSTAMP: when it was cancelled). */
    public static byte[] cancel(Booking booking, String organizer) {
        return write(booking, organizer, "CANCEL", "CANCELLED", 1, booking.cancelledAt().orElse(booking.heldAt()));
    }

    private static byte[] write(Booking booking, String organizer, String method, String status, int sequence,
                                Instant stamp) {
        boolean attendee = isAddress(booking.principal());
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:" + PRODUCT);
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:" + (attendee ? method : "PUBLISH"));
        line(out, "BEGIN:VEVENT");
        line(out, "UID:" + booking.bookingId() + "@guild.booking");
        line(out, "DTSTAMP:" + UTC.format(stamp));
        line(out, "DTSTART:" + UTC.format(booking.period().start()));
        line(out, "DTEND:" + UTC.format(booking.period().end()));
        line(out, "SEQUENCE:" + sequence);
        line(out, "STATUS:" + status);
        line(out, "ORGANIZER;CN=Guild booking:mailto:" + organizer);
        if (attendee) {
            line(out, "ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:" + booking.principal());
        }
        String summary = booking.title().isBlank() ? booking.resource().name() : booking.title();
        line(out, "SUMMARY:" + escape(summary));
        if (!booking.resource().location().isBlank()) {
            line(out, "LOCATION:" + escape(booking.resource().location()));
        }
        line(out, "DESCRIPTION:" + escape(booking.resource().name() + " (" + booking.resource().kind() + ", "
                + booking.resource().id() + ") for " + booking.principal() + ", " + booking.attendees()
                + " attendee(s).\nBooking " + booking.bookingId() + "."));
        line(out, "TRANSP:OPAQUE");
        line(out, "END:VEVENT");
        line(out, "END:VCALENDAR");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code text} looks like an e-mail address (something@domain.tld, no separators iCalendar treats specially). */
    public static boolean isAddress(String text) {
        return EMAIL.matcher(text).matches();
    }

    /** TEXT value escaping: backslash, semicolon, comma, newline. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case ';' -> out.append("\\;");
                case ',' -> out.append("\\,");
                case '\n' -> out.append("\\n");
                case '\r' -> {
                    if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                        out.append("\\n");
                    }
                }
                default -> out.append(Character.isISOControl(ch) && ch != '\t' ? ' ' : ch);
            }
        }
        return out.toString();
    }

    /** Appends a content line, folded so that no line exceeds 75 octets (continuations start with a space). */
    private static void line(StringBuilder out, String content) {
        int octets = 0;
        int limit = 75;
        for (int i = 0; i < content.length(); ) {
            int cp = content.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                out.append("\r\n ");
                octets = 0;
                limit = 74; // the leading space counts
            }
            out.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        out.append("\r\n");
    }

    private ICalendar() {
    }
}
