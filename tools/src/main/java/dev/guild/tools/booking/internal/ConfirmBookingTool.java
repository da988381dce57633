package dev.guild.tools.booking.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.guild.tools.Compensation;
import dev.guild.tools.ToolCall;
import dev.guild.tools.ToolParam;
import dev.guild.tools.ToolResult;
import dev.guild.tools.TypedTool;
import dev.guild.tools.booking.Booking;

import java.util.Map;
import java.util.Optional;

/** {@code confirm_booking}: turns a live hold into a booking and stores its iCalendar invite. */
public final class ConfirmBookingTool extends TypedTool<ConfirmBookingTool.Input, BookingView> {

    public record Input(@JsonProperty("bookingId") @ToolParam(value = "The bookingId that hold_booking returned",
            minLength = 1, maxLength = 100) String bookingId) {
    }

    private final BookingContext context;

    public ConfirmBookingTool(BookingContext context) {
        super("confirm_booking",
                "Confirms a hold made by hold_booking before it expires. Returns the booking {bookingId, status:"
                        + " confirmed, start, end, inviteUri, ...}; inviteUri is an iCalendar invite to send to the"
                        + " attendees. Fails when the hold expired or was cancelled: then hold again. Undo it with"
                        + " cancel_booking.",
                Input.class, BookingView.class, true);
        this.context = context;
    }

    @Override
    public Optional<Compensation> compensation() {
        return Compensation.of("cancel_booking", Map.of("bookingId", "/bookingId"));
    }

    @Override
    protected ToolResult run(Input input, ToolCall call) {
        return context.call(() -> {
            Booking booking = context.provider().confirm(input.bookingId().strip(), call.idempotencyKey());
            return ok(BookingView.of(booking, context.invite(booking, false)));
        });
    }
}
