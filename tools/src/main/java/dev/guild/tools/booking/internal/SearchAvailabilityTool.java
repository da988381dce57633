package dev.guild.tools.booking.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.guild.tools.ToolCall;
import dev.guild.tools.ToolParam;
import dev.guild.tools.ToolResult;
import dev.guild.tools.TypedTool;
import dev.guild.tools.booking.BookingProvider;
import dev.guild.tools.booking.Resource;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code search_availability}: resources free for a whole period, filtered by kind, attributes and capacity. */
public final class SearchAvailabilityTool extends TypedTool<SearchAvailabilityTool.Input, SearchAvailabilityTool.Output> {

    public record Input(
            @JsonProperty("kind") @ToolParam(value = "Kind of resource: meeting_room, desk, hotel_room, travel_fare, ...",
                    required = false, pattern = "^[a-z][a-z0-9_]*$") String kind,
            @JsonProperty("attributes") @ToolParam(value = "Attributes that must match exactly, e.g. {\"city\": \"Berlin\","
                    + " \"projector\": true}; a list attribute matches when it contains the value", required = false)
            Map<String, JsonNode> attributes,
            @JsonProperty("start") @ToolParam("Start of the period that must be free: 2026-12-01T09:00:00+01:00,"
                    + " 2026-12-01T09:00 (in timeZone) or 2026-12-01") String start,
            @JsonProperty("end") @ToolParam("End of the period (exclusive), same forms as start") String end,
            @JsonProperty("attendees") @ToolParam(value = "People one unit must take; default 1", required = false,
                    minimum = 1, maximum = 10000) Integer attendees,
            @JsonProperty("timeZone") @ToolParam(value = "Zone of local times such as Europe/Berlin; default the"
                    + " configured zone", required = false) String timeZone,
            @JsonProperty("limit") @ToolParam(value = "Most results; default 10", required = false, minimum = 1,
                    maximum = 100) Integer limit) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Match(
            @JsonProperty("resourceId") @ToolParam("Pass it to hold_booking") String resourceId,
            @JsonProperty("kind") @ToolParam("Kind") String kind,
            @JsonProperty("name") @ToolParam("Name") String name,
            @JsonProperty("location") @ToolParam(value = "Where", required = false) String location,
            @JsonProperty("capacity") @ToolParam("People one unit takes") int capacity,
            @JsonProperty("freeUnits") @ToolParam("Units free for the whole period") int freeUnits,
            @JsonProperty("start") @ToolParam("Start of the free period (a fare's departure)") String start,
            @JsonProperty("end") @ToolParam("End of the free period (a fare's arrival)") String end,
            @JsonProperty("attributes") @ToolParam("Its attributes") Map<String, JsonNode> attributes) {
    }

    public record Output(@JsonProperty("results") @ToolParam("Matching resources with free units") List<Match> results) {
    }

    private final BookingContext context;

    public SearchAvailabilityTool(BookingContext context) {
        super("search_availability",
                "Finds bookable resources (meeting rooms, desks, hotel rooms, travel fares) with at least one unit free"
                        + " for the whole period from start to end. Filter by kind, exact attribute values and"
                        + " attendees. Returns {results: [{resourceId, name, freeUnits, start, end, ...}]}; an empty"
                        + " list means nothing matches: widen the period or drop filters. Travel fares have fixed"
                        + " times and are returned when they lie within the period. Use it before hold_booking.",
                Input.class, Output.class, false);
        this.context = context;
    }

    @Override
    protected ToolResult run(Input input, ToolCall call) {
        List<String> problems = new ArrayList<>();
        ZoneId zone = context.defaultZone();
        if (input.timeZone() != null) {
            try {
                zone = ZoneId.of(input.timeZone());
            } catch (DateTimeException e) {
                problems.add("`timeZone` '" + input.timeZone() + "' is not a time zone; write a region such as Europe/Berlin");
            }
        }
        Resource.Period period = Times.period(input.start(), input.end(), zone,
                null, context.maxLength(), problems);
        if (period == null || !problems.isEmpty()) {
            return BookingContext.problems(problems);
        }
        BookingProvider.Query query = new BookingProvider.Query(Optional.ofNullable(input.kind()),
                input.attributes() == null ? Map.of() : input.attributes(), period,
                input.attendees() == null ? 1 : input.attendees(), input.limit() == null ? 10 : input.limit());
        return context.call(() -> {
            List<Match> matches = new ArrayList<>();
            for (BookingProvider.Availability a : context.provider().search(query)) {
                Resource r = a.resource();
                matches.add(new Match(r.id(), r.kind(), r.name(), r.location().isEmpty() ? null : r.location(),
                        r.capacity(), a.freeUnits(), BookingView.format(a.period().start(), r.timeZone()),
                        BookingView.format(a.period().end(), r.timeZone()), r.attributes()));
            }
            return ok(new Output(matches));
        });
    }
}
