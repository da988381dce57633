package dev.guild.tools.booking.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.guild.tools.ToolParam;
import dev.guild.tools.booking.Booking;
import dev.guild.tools.booking.BookingStatus;

import java.time.Instant;
import java.time.ZoneId;

/** A booking as the tools return it: times as ISO-8601 with the resource's offset. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BookingView(
        @JsonProperty("bookingId") @ToolParam("Id of the booking; pass it to confirm_booking or cancel_booking") String bookingId,
        @JsonProperty("status") @ToolParam("held (confirm before expiresAt), confirmed, cancelled or expired") BookingStatus status,
        @JsonProperty("resourceId") @ToolParam("What is booked") String resourceId,
        @JsonProperty("resourceName") @ToolParam("Its name") String resourceName,
        @JsonProperty("kind") @ToolParam("Its kind") String kind,
        @JsonProperty("location") @ToolParam(value = "Where it is", required = false) String location,
        @JsonProperty("principal") @ToolParam("For whom") String principal,
        @JsonProperty("start") @ToolParam("Start, ISO-8601 with offset") String start,
        @JsonProperty("end") @ToolParam("End (exclusive), ISO-8601 with offset") String end,
        @JsonProperty("attendees") @ToolParam("People") int attendees,
        @JsonProperty("title") @ToolParam(value = "What for", required = false) String title,
        @JsonProperty("expiresAt") @ToolParam(value = "When the hold expires unless confirmed", required = false) String expiresAt,
        @JsonProperty("inviteUri") @ToolParam(value = "iCalendar invite (artifact URI) of a confirmed or cancelled booking", required = false) String inviteUri) {

    static BookingView of(Booking booking, String inviteUri) {
        ZoneId zone = booking.resource().timeZone();
        return new BookingView(booking.bookingId(), booking.status(), booking.resource().id(), booking.resource().name(),
                booking.resource().kind(), booking.resource().location().isEmpty() ? null : booking.resource().location(),
                booking.principal(), format(booking.period().start(), zone), format(booking.period().end(), zone),
                booking.attendees(), booking.title().isEmpty() ? null : booking.title(),
                booking.status() == BookingStatus.HELD ? format(booking.expiresAt(), zone) : null, inviteUri);
    }

    static String format(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toOffsetDateTime().toString();
    }
}
