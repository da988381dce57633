package dev.guild.runtime.model;

/** A sequence would grow past its context limit. */
public class ContextLimitException extends RuntimeException {

    private final int requested;
    private final int limit;

    public ContextLimitException(int requested, int limit, String message) {
        super(message);
        this.requested = requested;
        this.limit = limit;
    }

    /** Tokens the sequence would hold. */
    public int requested() {
        return requested;
    }

    /** Tokens it may hold. */
    public int limit() {
        return limit;
    }
}
