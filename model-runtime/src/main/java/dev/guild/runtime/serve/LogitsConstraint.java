package dev.guild.runtime.serve;

import dev.guild.runtime.constrain.GrammarMatcher;
import dev.guild.runtime.constrain.Vocabulary;
import dev.guild.runtime.serve.internal.GrammarConstraint;

/**
 * Restricts the tokens a request may choose (constrained decoding). Called on the scheduler thread,
 * once per generated token: {@link #mask} before sampling, {@link #accept} with the token chosen.
 */
public interface LogitsConstraint {

    /** Sets the logits of disallowed tokens to negative infinity, in place. */
    void mask(float[] logits);

    /** Advances the constraint's state past the chosen token. */
    void accept(int token);

    /** Constrained decoding through {@code matcher}: tokens it does not allow get negative infinity. */
    static LogitsConstraint grammar(GrammarMatcher matcher, Vocabulary vocabulary) {
        return new GrammarConstraint(matcher, vocabulary);
    }
}
