package dev.guild.runtime.serve;

/**
 * Receives a request's tokens as the scheduler thread chooses them. Called on the scheduler thread:
 * implementations must return quickly (hand the work to another thread when it is slow).
 */
@FunctionalInterface
public interface TokenListener {

    /**
     * A generated token (never a stop token).
     *
     * @return true to go on; false to end the request now with {@link FinishReason#STOP} (for example a
     *         stop string matched, or a constrained call is complete)
     */
    boolean onToken(int token);

    TokenListener NONE = token -> true;
}
