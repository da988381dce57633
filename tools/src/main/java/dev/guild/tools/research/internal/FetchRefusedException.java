package dev.guild.tools.research.internal;

/** A fetch that was refused or failed for a reason a retry will not fix; the message says what to do instead. */
public final class FetchRefusedException extends RuntimeException {
    public FetchRefusedException(String message) {
        super(message);
    }
}
