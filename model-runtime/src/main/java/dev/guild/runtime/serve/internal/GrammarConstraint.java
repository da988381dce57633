package dev.guild.runtime.serve.internal;

import dev.guild.runtime.constrain.GrammarMatcher;
import dev.guild.runtime.constrain.Vocabulary;
import dev.guild.runtime.serve.LogitsConstraint;

/** Constrained decoding through a {@link GrammarMatcher}: disallowed tokens get negative infinity. */
public final class GrammarConstraint implements LogitsConstraint {

    private final GrammarMatcher matcher;
    private final Vocabulary vocabulary;

    public GrammarConstraint(GrammarMatcher matcher, Vocabulary vocabulary) {
        this.matcher = matcher;
        this.vocabulary = vocabulary;
    }

    @Override
    public void mask(float[] logits) {
        long[] allowed = matcher.allowedTokens();
        for (int id = 0; id < logits.length; id++) {
            boolean ok = id < vocabulary.size() && (allowed[id >>> 6] >>> id & 1) != 0;
            if (!ok) {
                logits[id] = Float.NEGATIVE_INFINITY;
            }
        }
    }

    @Override
    public void accept(int token) {
        matcher.accept(token);
    }

    /** The document is complete and nothing but end of generation may follow: generation can end. */
    boolean finished() {
        if (!matcher.isComplete()) {
            return false;
        }
        long[] allowed = matcher.allowedTokens();
        for (int w = 0; w < allowed.length; w++) {
            long bits = allowed[w];
            while (bits != 0) {
                int id = w * 64 + Long.numberOfTrailingZeros(bits);
                if (!vocabulary.isEndOfGeneration(id)) {
                    return false;
                }
                bits &= bits - 1;
            }
        }
        return true;
    }
}
