package dev.guild.tools.booking.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.guild.tools.ToolCall;
import dev.guild.tools.ToolParam;
import dev.guild.tools.ToolResult;
import dev.guild.tools.TypedTool;
import dev.guild.tools.booking.Booking;

/** {@code cancel_booking}: releases a hold or cancels a booking; the compensation of hold and confirm. */
public final class CancelBookingTool extends TypedTool<CancelBookingTool.Input, BookingView> {

    public record Input(
            @JsonProperty("bookingId") @ToolParam(value = "The bookingId to cancel", minLength = 1, maxLength = 100)
            String bookingId,
            @JsonProperty("reason") @ToolParam(value = "Why, for the record", required = false, maxLength = 500)
            String reason) {
    }

    private final BookingContext context;

    public CancelBookingTool(BookingContext context) {
        super("cancel_booking",
                "Cancels a held or confirmed booking and frees its unit. Returns the booking {bookingId, status:"
                        + " cancelled, ...}; for a booking that was confirmed, inviteUri is an iCalendar cancellation"
                        + " to send to the attendees. Cancelling an expired or cancelled booking changes nothing and"
                        + " returns it.",
                Input.class, BookingView.class, true);
        this.context = context;
    }

    @Override
    protected ToolResult run(Input input, ToolCall call) {
        return context.call(() -> {
            Booking booking = context.provider().cancel(input.bookingId().strip(), input.reason(), call.idempotencyKey());
            boolean wasConfirmed = booking.confirmedAt().isPresent() && booking.cancelledAt().isPresent();
            return ok(BookingView.of(booking, wasConfirmed ? context.invite(booking, true) : null));
        });
    }
}
