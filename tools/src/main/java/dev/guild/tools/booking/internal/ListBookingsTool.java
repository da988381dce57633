package dev.guild.tools.booking.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.guild.tools.ToolCall;
import dev.guild.tools.ToolParam;
import dev.guild.tools.ToolResult;
import dev.guild.tools.TypedTool;
import dev.guild.tools.booking.Booking;
import dev.guild.tools.booking.BookingStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code list_bookings}: a principal's bookings in a period. */
public final class ListBookingsTool extends TypedTool<ListBookingsTool.Input, ListBookingsTool.Output> {

    public record Input(
            @JsonProperty("principal") @ToolParam(value = "Whose bookings: the user's id or e-mail address",
                    minLength = 1, maxLength = 200) String principal,
            @JsonProperty("from") @ToolParam(value = "Bookings ending after this: 2026-12-01T00:00:00+01:00 or"
                    + " 2026-12-01 (UTC); default now", required = false) String from,
            @JsonProperty("to") @ToolParam(value = "Bookings starting before this, same forms; default one year"
                    + " after from", required = false) String to,
            @JsonProperty("status") @ToolParam(value = "Only bookings in this status", required = false)
            BookingStatus status) {
    }

    public record Output(@JsonProperty("bookings") @ToolParam("Earliest first") List<BookingView> bookings) {
    }

    private final BookingContext context;

    public ListBookingsTool(BookingContext context) {
        super("list_bookings",
                "Lists the bookings of a principal (held, confirmed, cancelled, expired) that overlap a period,"
                        + " earliest first: {bookings: [{bookingId, status, resourceName, start, end, ...}]}. Use it"
                        + " to answer \"what have I booked\" or to find a bookingId to cancel.",
                Input.class, Output.class, false);
        this.context = context;
    }

    @Override
    protected ToolResult run(Input input, ToolCall call) {
        List<String> problems = new ArrayList<>();
        Instant now = context.clock().instant();
        Instant from = input.from() == null ? now : Times.parse("from", input.from(), context.defaultZone(), problems);
        Instant to = input.to() == null ? (from == null ? null : from.plus(java.time.Duration.ofDays(366)))
                : Times.parse("to", input.to(), context.defaultZone(), problems);
        if (from != null && to != null && !from.isBefore(to)) {
            problems.add("`from` must be before `to`; got " + input.from() + " and " + input.to());
        }
        if (!problems.isEmpty()) {
            return BookingContext.problems(problems);
        }
        return context.call(() -> {
            List<BookingView> views = new ArrayList<>();
            for (Booking b : context.provider().list(input.principal().strip(), from, to, Optional.ofNullable(input.status()))) {
                views.add(BookingView.of(b, null));
            }
            return ok(new Output(views));
        });
    }
}
