package dev.guild.tools.booking;

/**
 * A request that a {@link BookingProvider} cannot carry out as asked (unknown resource, nothing free, a hold that
 * expired). The message is for a model: what is wrong, with the values, and what to do instead. The booking tools
 * turn it into an error result; it is never retried. Infrastructure faults are
 * {@link dev.guild.tools.ToolUnavailableException}s instead.
 */
public class BookingException extends RuntimeException {
    public BookingException(String message) {
        super(message);
    }
}
