package dev.guild.tools.booking.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.guild.tools.Compensation;
import dev.guild.tools.ToolCall;
import dev.guild.tools.ToolParam;
import dev.guild.tools.ToolResult;
import dev.guild.tools.TypedTool;
import dev.guild.tools.booking.BookingProvider;
import dev.guild.tools.booking.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code hold_booking}: reserves one unit for a period until the hold expires; confirm_booking keeps it. */
public final class HoldBookingTool extends TypedTool<HoldBookingTool.Input, BookingView> {

    public record Input(
            @JsonProperty("resourceId") @ToolParam(value = "A resourceId from search_availability", minLength = 1,
                    maxLength = 100) String resourceId,
            @JsonProperty("start") @ToolParam(value = "Start: 2026-12-01T09:00:00+01:00, 2026-12-01T09:00 (in the"
                    + " resource's time zone) or 2026-12-01 (hotel check-in day); leave out for a travel fare",
                    required = false) String start,
            @JsonProperty("end") @ToolParam(value = "End (exclusive), same forms as start (hotel check-out day);"
                    + " leave out for a travel fare", required = false) String end,
            @JsonProperty("principal") @ToolParam(value = "For whom: the user's id or e-mail address", minLength = 1,
                    maxLength = 200) String principal,
            @JsonProperty("attendees") @ToolParam(value = "People; default 1", required = false, minimum = 1,
                    maximum = 10000) Integer attendees,
            @JsonProperty("title") @ToolParam(value = "What it is for, shown in the invite", required = false,
                    maxLength = 200) String title) {
    }

    private final BookingContext context;

    public HoldBookingTool(BookingContext context) {
        super("hold_booking",
                "Holds one unit of a resource for a period so nobody else can take it. The hold expires (see"
                        + " expiresAt in the result) unless confirm_booking is called with its bookingId. Returns the"
                        + " booking {bookingId, status: held, start, end, expiresAt, ...}. Fails, saying why, when"
                        + " nothing is free: then search_availability again. Call it with the same idempotency key to"
                        + " get the same hold back.",
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
            Optional<Resource> found = context.provider().resource(input.resourceId());
            if (found.isEmpty()) {
                return ToolResult.error("there is no resource '" + input.resourceId()
                        + "'; use a resourceId that search_availability returned");
            }
            Resource resource = found.get();
            List<String> problems = new ArrayList<>();
            Resource.Period period;
            if (resource.schedule().isPresent() && input.start() == null && input.end() == null) {
                period = resource.schedule().get();
                if (period.start().isBefore(context.clock().instant())) {
                    problems.add("'" + resource.id() + "' departed at "
                            + BookingView.format(period.start(), resource.timeZone()) + "; search for a later fare");
                }
            } else {
                period = Times.period(input.start(), input.end(), resource.timeZone(), context.clock().instant(),
                        context.maxLength(), problems);
                if (period != null && resource.schedule().isPresent() && !period.equals(resource.schedule().get())) {
                    problems.add("'" + resource.id() + "' has fixed times "
                            + BookingView.format(resource.schedule().get().start(), resource.timeZone()) + " to "
                            + BookingView.format(resource.schedule().get().end(), resource.timeZone())
                            + "; leave out `start` and `end` or send exactly these");
                }
            }
            int attendees = input.attendees() == null ? 1 : input.attendees();
            if (attendees > resource.capacity()) {
                problems.add("'" + resource.id() + "' takes at most " + resource.capacity() + " people; got `attendees` "
                        + attendees + "; search_availability with attendees: " + attendees + " for a larger one");
            }
            if (!problems.isEmpty()) {
                return BookingContext.problems(problems);
            }
            var booking = context.provider().hold(new BookingProvider.HoldRequest(resource.id(), period,
                    input.principal().strip(), attendees, input.title() == null ? "" : input.title().strip()),
                    call.idempotencyKey());
            return ok(BookingView.of(booking, null));
        });
    }
}
