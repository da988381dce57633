package dev.guild.runtime.serve;

/** Why a request's generation ended. */
public enum FinishReason {
    /** A stop token (end of generation) was chosen, or the listener asked to stop. */
    STOP,
    /** {@code maxTokens} were generated. */
    LENGTH,
    /** The sequence reached the context length. */
    CONTEXT_FULL,
    /** The request was cancelled (for example the client disconnected). */
    CANCELLED
}
