package dev.guild.tools.booking;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Something bookable: a meeting room, a desk pool, a hotel room type, a travel fare.
 *
 * @param id         stable id, {@code [a-z0-9][a-z0-9._-]*}
 * @param kind       {@code meeting_room}, {@code desk}, {@code hotel_room}, {@code travel_fare} or another
 *                   lower-case word the catalog uses
 * @param name       for people
 * @param units      identical units that can be booked at the same time (12 rooms of a type, 30 seats of a fare)
 * @param capacity   people one unit takes (seats of a room, guests of a hotel room)
 * @param timeZone   zone for local times and dates given for this resource
 * @param location   where it is, for the invite; may be empty
 * @param attributes filterable facts: {@code city: Berlin}, {@code projector: true}
 * @param schedule   fixed period of a fare (departure to arrival); empty: any period may be booked
 */
public record Resource(@JsonProperty("id") String id,
                       @JsonProperty("kind") String kind,
                       @JsonProperty("name") String name,
                       @JsonProperty("units") int units,
                       @JsonProperty("capacity") int capacity,
                       @JsonProperty("timeZone") ZoneId timeZone,
                       @JsonProperty("location") String location,
                       @JsonProperty("attributes") Map<String, JsonNode> attributes,
                       @JsonProperty("schedule") Optional<Period> schedule) {

    public Resource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timeZone, "timeZone");
        location = location == null ? "" : location;
        attributes = Map.copyOf(attributes);
        schedule = schedule == null ? Optional.empty() : schedule;
    }

    /** A half-open period {@code [start, end)}. */
    public record Period(@JsonProperty("start") Instant start, @JsonProperty("end") Instant end) {
        public Period {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (!start.isBefore(end)) {
                throw new IllegalArgumentException("a period must start before it ends; got " + start + " and " + end);
            }
        }

        public boolean overlaps(Period other) {
            return start.isBefore(other.end) && other.start.isBefore(end);
        }
    }
}
