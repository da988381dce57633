package dev.guild.tools;

/**
 * An infrastructure fault that a retry may fix (timeout, refused connection, database down). Activities let it
 * propagate so that Temporal retries the call. Bad arguments are never reported this way: see {@link ToolResult#error}.
 */
public class ToolUnavailableException extends RuntimeException {
    public ToolUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public ToolUnavailableException(String message) {
        super(message);
    }
}
