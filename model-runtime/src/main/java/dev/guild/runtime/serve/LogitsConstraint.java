package dev.guild.runtime.serve;

/**
 * Restricts the tokens a request may choose (constrained decoding). Called on the scheduler thread,
 * once per generated token: {@link #mask} before sampling, {@link #accept} with the token chosen.
 */
public interface LogitsConstraint {

    /** Sets the logits of disallowed tokens to negative infinity, in place. */
    void mask(float[] logits);

    /** Advances the constraint's state past the chosen token. */
    void accept(int token);
}
