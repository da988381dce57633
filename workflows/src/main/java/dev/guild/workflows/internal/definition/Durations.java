package dev.guild.workflows.internal.definition;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;

/** Durations of definitions: an ISO 8601 duration ({@code PT30S}, {@code P1D}) or {days, hours, minutes, seconds, milliseconds}. */
public final class Durations {

    private static final Set<String> UNITS = Set.of("days", "hours", "minutes", "seconds", "milliseconds");

    /** The duration; throws {@link IllegalArgumentException} saying what is wrong with the bad value. */
    public static Duration parse(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException("a duration is required, such as PT30S or {seconds: 30}");
        }
        if (node.isTextual()) {
            try {
                Duration duration = Duration.parse(node.asText().strip());
                if (duration.isNegative()) {
                    throw new IllegalArgumentException("a duration cannot be negative; got " + node);
                }
                return duration;
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not an ISO 8601 duration such as PT30S, PT5M or P1DT2H; got " + node);
            }
        }
        if (!node.isObject() || node.isEmpty()) {
            throw new IllegalArgumentException("a duration is an ISO 8601 string (PT30S) or an object"
                    + " {days, hours, minutes, seconds, milliseconds}; got " + node);
        }
        Duration total = Duration.ZERO;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String unit = it.next();
            JsonNode value = node.get(unit);
            if (!UNITS.contains(unit)) {
                throw new IllegalArgumentException("unknown duration unit '" + unit + "'; allowed: "
                        + UNITS.stream().sorted().toList());
            }
            if (!value.isIntegralNumber() || value.asLong() < 0) {
                throw new IllegalArgumentException(unit + " must be a whole number of 0 or more; got " + value);
            }
            long amount = value.asLong();
            total = total.plus(switch (unit) {
                case "days" -> Duration.ofDays(amount);
                case "hours" -> Duration.ofHours(amount);
                case "minutes" -> Duration.ofMinutes(amount);
                case "seconds" -> Duration.ofSeconds(amount);
                default -> Duration.ofMillis(amount);
            });
        }
        return total;
    }

    private Durations() {
    }
}
