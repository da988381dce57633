package dev.guild.tools.research;

/** A web search that failed in a way a retry will not fix; the message says what to change. */
public class WebSearchException extends RuntimeException {
    public WebSearchException(String message) {
        super(message);
    }

    public WebSearchException(String message, Throwable cause) {
        super(message, cause);
    }
}
