package dev.guild.runtime.generate;

/**
 * The outcome of a generation.
 *
 * @param tokens          generated token ids (stop token excluded)
 * @param stopReason      why it ended
 * @param promptTokens    prompt length
 * @param promptNanos     time to process the prompt (prefill)
 * @param generationNanos time spent generating after the prompt
 */
public record GenerationResult(int[] tokens, StopReason stopReason, int promptTokens, long promptNanos,
                               long generationNanos) {

    /** Why generation ended. */
    public enum StopReason {
        /** The model produced a stop token. */
        STOP_TOKEN,
        /** maxTokens were generated. */
        MAX_TOKENS,
        /** The sequence reached its context limit. */
        CONTEXT_FULL
    }

    public GenerationResult {
        tokens = tokens.clone();
    }

    @Override
    public int[] tokens() {
        return tokens.clone();
    }

    /** Prompt tokens processed per second. */
    public double promptTokensPerSecond() {
        return promptNanos == 0 ? 0 : promptTokens * 1e9 / promptNanos;
    }

    /** Generated tokens per second (the first token comes from the prompt step and is not counted). */
    public double generationTokensPerSecond() {
        return generationNanos == 0 || tokens.length <= 1 ? 0 : (tokens.length - 1) * 1e9 / generationNanos;
    }
}
