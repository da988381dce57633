package dev.guild.tools.booking;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What stands behind the booking tools: the built-in SQL reservation service (the default) or an external booking
 * API (a flight or hotel API, a CalDAV calendar). The tools parse and check arguments, then call a provider;
 * the provider owns availability and state.
 *
 * <p>Contract:
 * <ul>
 *   <li>Never two {@link BookingStatus#HELD held} or {@link BookingStatus#CONFIRMED confirmed} bookings of one unit
 *       with overlapping periods, however many callers race.</li>
 *   <li>A hold expires at {@link Booking#expiresAt()}; from then on its unit is free and it cannot be confirmed.</li>
 *   <li>{@link #hold}, {@link #confirm} and {@link #cancel} are idempotent on {@code idempotencyKey}: a repeated key
 *       returns the first result and changes nothing. Reusing a key for different arguments is a
 *       {@link BookingException}.</li>
 *   <li>Requests that cannot be carried out throw {@link BookingException} with a message for a model; faults a
 *       retry may fix throw {@link dev.guild.tools.ToolUnavailableException}.</li>
 * </ul>
 */
public interface BookingProvider {

    /** The resource with this id, or empty. */
    Optional<Resource> resource(String resourceId);

    /** Resources matching the query, with how many units are free for the whole period. */
    List<Availability> search(Query query);

    /** Holds one unit of {@code request.resourceId()} for the period. */
    Booking hold(HoldRequest request, String idempotencyKey);

    /** Turns a live hold into a booking; confirming a confirmed booking returns it unchanged. */
    Booking confirm(String bookingId, String idempotencyKey);

    /** Cancels a hold or a booking; cancelling a cancelled or expired one returns it unchanged. */
    Booking cancel(String bookingId, String reason, String idempotencyKey);

    /** The principal's bookings overlapping {@code [from, to)}, earliest first. */
    List<Booking> list(String principal, Instant from, Instant to, Optional<BookingStatus> status);

    /**
     * An availability search.
     *
     * @param kind        resource kind, or empty for all
     * @param attributes  attribute values that must match exactly (a list attribute must contain the value)
     * @param period      the period that must be free
     * @param minCapacity people one unit must take
     * @param limit       most results
     */
    record Query(Optional<String> kind, Map<String, com.fasterxml.jackson.databind.JsonNode> attributes,
                 Resource.Period period, int minCapacity, int limit) {
        public Query {
            attributes = Map.copyOf(attributes);
        }
    }

    /** A resource and its free units for the asked period. */
    record Availability(Resource resource, Resource.Period period, int freeUnits) {
    }

    /**
     * A hold of one unit.
     *
     * @param resourceId what
     * @param period     when
     * @param principal  for whom
     * @param attendees  how many people
     * @param title      what for; may be empty
     */
    record HoldRequest(@JsonProperty("resourceId") String resourceId,
                       @JsonProperty("period") Resource.Period period,
                       @JsonProperty("principal") String principal,
                       @JsonProperty("attendees") int attendees,
                       @JsonProperty("title") String title) {
    }
}
