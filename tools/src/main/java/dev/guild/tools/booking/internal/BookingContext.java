package dev.guild.tools.booking.internal;

import dev.guild.tools.ToolResult;
import dev.guild.tools.ToolUnavailableException;
import dev.guild.tools.artifacts.ArtifactStore;
import dev.guild.tools.booking.Booking;
import dev.guild.tools.booking.BookingException;
import dev.guild.tools.booking.BookingProvider;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the booking tools share.
 *
 * @param provider    the provider behind the tools
 * @param artifacts   where invites go
 * @param clock       the time
 * @param maxLength   longest booking or search period
 * @param defaultZone zone of local times in searches without a resource
 * @param organizer   e-mail address of the invites' organizer
 */
public record BookingContext(BookingProvider provider, ArtifactStore artifacts, Clock clock, Duration maxLength,
                             ZoneId defaultZone, String organizer) {

    /** Runs a provider call; its {@link BookingException} becomes an error result. */
    ToolResult call(Supplier<ToolResult> work) {
        try {
            return work.get();
        } catch (BookingException e) {
            return ToolResult.error(e.getMessage());
        }
    }

    static ToolResult problems(List<String> problems) {
        return ToolResult.error(String.join("; ", problems));
    }

    /** Stores the invite of a confirmed booking or the cancellation of a confirmed one; the same booking gives the same URI. */
    String invite(Booking booking, boolean cancellation) {
        byte[] ics = cancellation ? ICalendar.cancel(booking, organizer) : ICalendar.request(booking, organizer);
        try {
            return artifacts.put("booking-" + booking.bookingId() + (cancellation ? "-cancel" : "") + ".ics",
                    "text/calendar; charset=utf-8; method=" + (cancellation ? "CANCEL" : "REQUEST"), ics).uri();
        } catch (IOException e) {
            throw new ToolUnavailableException("cannot store the invite of booking " + booking.bookingId() + ": "
                    + e.getMessage(), e);
        }
    }
}
