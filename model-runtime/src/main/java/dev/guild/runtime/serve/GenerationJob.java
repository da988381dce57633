package dev.guild.runtime.serve;

import dev.guild.runtime.generate.SamplingParams;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One request for the {@link Scheduler}.
 *
 * @param prompt     prompt token ids, at least one
 * @param maxTokens  the most tokens to generate, at least one
 * @param sampling   how tokens are chosen; each request has its own seeded sampler
 * @param stopTokens tokens that end generation without being emitted (end of generation)
 * @param constraint optional constrained decoding
 * @param listener   receives each token on the scheduler thread
 */
public record GenerationJob(int[] prompt, int maxTokens, SamplingParams sampling, Set<Integer> stopTokens,
                            Optional<LogitsConstraint> constraint, TokenListener listener) {

    public GenerationJob {
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(listener, "listener");
        if (prompt == null || prompt.length == 0) {
            throw new IllegalArgumentException("a generation job needs a prompt of at least one token");
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be >= 1, got " + maxTokens);
        }
        prompt = prompt.clone();
        stopTokens = Set.copyOf(stopTokens);
    }

    @Override
    public int[] prompt() {
        return prompt.clone();
    }

    int promptLength() {
        return prompt.length;
    }
}
