package dev.guild.runtime.serve;

/**
 * The end of a request.
 *
 * @param tokens           generated tokens (stop tokens excluded)
 * @param reason           why it ended
 * @param promptTokens     prompt length
 * @param firstTokenNanos  nanoseconds from submission to the first generated token (-1 if none)
 */
public record Completion(int[] tokens, FinishReason reason, int promptTokens, long firstTokenNanos) {

    public Completion {
        tokens = tokens.clone();
    }

    @Override
    public int[] tokens() {
        return tokens.clone();
    }
}
