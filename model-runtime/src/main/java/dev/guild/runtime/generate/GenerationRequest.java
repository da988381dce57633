package dev.guild.runtime.generate;

import java.util.Set;

/**
 * What to generate.
 *
 * @param prompt           prompt token ids (BOS included if the model wants one), at least one
 * @param maxTokens        most tokens to generate (> 0)
 * @param sampling         how tokens are chosen
 * @param stopTokens       tokens that end generation (EOS/EOG); they are not part of the output
 * @param suppressedTokens tokens that are never chosen
 * @param contextLimit     most tokens (prompt + generated) the sequence may hold; capped at the
 *                         model's trained context length
 */
public record GenerationRequest(int[] prompt, int maxTokens, SamplingParams sampling, Set<Integer> stopTokens,
                                Set<Integer> suppressedTokens, int contextLimit) {

    public GenerationRequest {
        prompt = prompt.clone();
        if (prompt.length == 0) {
            throw new IllegalArgumentException("the prompt has no tokens; give at least one token (for example BOS)");
        }
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be > 0, got " + maxTokens);
        }
        if (contextLimit <= 0) {
            throw new IllegalArgumentException("contextLimit must be > 0, got " + contextLimit);
        }
        stopTokens = Set.copyOf(stopTokens);
        suppressedTokens = Set.copyOf(suppressedTokens);
    }

    @Override
    public int[] prompt() {
        return prompt.clone();
    }

    /** Greedy generation of {@code maxTokens} with the given stop tokens and a 4096-token context. */
    public static GenerationRequest greedy(int[] prompt, int maxTokens, Set<Integer> stopTokens) {
        return new GenerationRequest(prompt, maxTokens, SamplingParams.greedy(), stopTokens, Set.of(), 4096);
    }

    public GenerationRequest withSuppressed(Set<Integer> tokens) {
        return new GenerationRequest(prompt, maxTokens, sampling, stopTokens, tokens, contextLimit);
    }

    public GenerationRequest withContextLimit(int limit) {
        return new GenerationRequest(prompt, maxTokens, sampling, stopTokens, suppressedTokens, limit);
    }
}
