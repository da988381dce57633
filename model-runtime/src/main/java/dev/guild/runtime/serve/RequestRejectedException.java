package dev.guild.runtime.serve;

/**
 * A request that can never be served as asked (prompt longer than the context, too many tokens
 * requested): HTTP 400. The message gives the numbers and the fix.
 */
public final class RequestRejectedException extends RuntimeException {

    private final String param;

    public RequestRejectedException(String param, String message) {
        super(message);
        this.param = param;
    }

    /** The request field at fault, e.g. {@code messages} or {@code max_tokens}. */
    public String param() {
        return param;
    }
}
