package dev.guild.tools.booking.internal;

import dev.guild.tools.booking.Resource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Reads the time arguments of the booking tools; every problem is a message for a model. */
final class Times {

    private static final String FORMS = "write 2026-12-01T09:00:00+01:00, 2026-12-01T09:00 (in the resource's time zone)"
            + " or 2026-12-01 (start of that day)";

    /** {@code value} as an instant; local date-times and dates are read in {@code zone}. Null when invalid. */
    static Instant parse(String field, String value, ZoneId zone, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add("`" + field + "` is required; " + FORMS);
            return null;
        }
        String text = value.strip();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the local forms
        }
        try {
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        } catch (DateTimeParseException ignored) {
            // try a date
        }
        try {
            return LocalDate.parse(text).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            problems.add("`" + field + "` is not a date or time: '" + value + "'; " + FORMS);
            return null;
        }
    }

    /** The period {@code [start, end)}, or null after adding the problems; {@code now} null: the past is allowed. */
    static Resource.Period period(String start, String end, ZoneId zone, Instant now, java.time.Duration maxLength,
                                  List<String> problems) {
        Instant from = parse("start", start, zone, problems);
        Instant to = parse("end", end, zone, problems);
        if (from == null || to == null) {
            return null;
        }
        if (!from.isBefore(to)) {
            problems.add("`start` must be before `end`; got " + start + " and " + end);
            return null;
        }
        if (now != null && from.isBefore(now)) {
            problems.add("`start` " + start + " is in the past (now is " + BookingView.format(now, zone)
                    + "); choose a time from now on");
        }
        if (java.time.Duration.between(from, to).compareTo(maxLength) > 0) {
            problems.add("the period from " + start + " to " + end + " is longer than " + human(maxLength)
                    + ", the longest allowed; split it or shorten it");
        }
        return problems.isEmpty() ? new Resource.Period(from, to) : null;
    }

    /** {@code 31 days}, {@code 10 minutes}, {@code 90 seconds}: the largest whole unit. */
    static String human(java.time.Duration d) {
        long seconds = d.toSeconds();
        if (seconds % 86_400 == 0 && seconds > 0) {
            return plural(seconds / 86_400, "day");
        }
        if (seconds % 3_600 == 0 && seconds > 0) {
            return plural(seconds / 3_600, "hour");
        }
        if (seconds % 60 == 0 && seconds > 0) {
            return plural(seconds / 60, "minute");
        }
        return plural(seconds, "second");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    private Times() {
    }
}
