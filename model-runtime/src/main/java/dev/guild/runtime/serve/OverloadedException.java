package dev.guild.runtime.serve;

/** The scheduler's queue is full: the request was not accepted (HTTP 429). */
public final class OverloadedException extends RuntimeException {

    private final int retryAfterSeconds;

    public OverloadedException(String message, int retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A hint for the client: seconds to wait before retrying. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
