package dev.guild.tools.booking;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One booking of one unit of a resource.
 *
 * @param bookingId   stable id
 * @param resource    what is booked
 * @param principal   who booked it (a user id or e-mail address)
 * @param period      when
 * @param status      where it stands
 * @param attendees   people it is for
 * @param title       what it is for; may be empty
 * @param heldAt      when it was held
 * @param expiresAt   when an unconfirmed hold expires
 * @param confirmedAt when it was confirmed
 * @param cancelledAt when it was cancelled
 */
public record Booking(@JsonProperty("bookingId") String bookingId,
                      @JsonProperty("resource") Resource resource,
                      @JsonProperty("principal") String principal,
                      @JsonProperty("period") Resource.Period period,
                      @JsonProperty("status") BookingStatus status,
                      @JsonProperty("attendees") int attendees,
                      @JsonProperty("title") String title,
                      @JsonProperty("heldAt") Instant heldAt,
                      @JsonProperty("expiresAt") Instant expiresAt,
                      @JsonProperty("confirmedAt") Optional<Instant> confirmedAt,
                      @JsonProperty("cancelledAt") Optional<Instant> cancelledAt) {
    public Booking {
        Objects.requireNonNull(bookingId, "bookingId");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(heldAt, "heldAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        title = title == null ? "" : title;
        confirmedAt = confirmedAt == null ? Optional.empty() : confirmedAt;
        cancelledAt = cancelledAt == null ? Optional.empty() : cancelledAt;
    }
}
