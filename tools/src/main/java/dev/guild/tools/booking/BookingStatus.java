package dev.guild.tools.booking;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a booking stands; the wire names are the lower-case words. */
public enum BookingStatus {
    /** Reserved until it expires; confirm it to keep it. */
    HELD("held"),
    /** Booked. */
    CONFIRMED("confirmed"),
    /** Released by {@code cancel_booking}. */
    CANCELLED("cancelled"),
    /** A hold that was not confirmed in time; its unit is free again. */
    EXPIRED("expired");

    private final String wireName;

    BookingStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @Override
    public String toString() {
        return wireName;
    }

    public static BookingStatus fromWire(String name) {
        for (BookingStatus status : values()) {
            if (status.wireName.equals(name)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown booking status '" + name + "'; one of held, confirmed, cancelled, expired");
    }
}
