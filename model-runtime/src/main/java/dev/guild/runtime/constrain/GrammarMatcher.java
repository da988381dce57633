package dev.guild.runtime.constrain;

import dev.guild.runtime.constrain.internal.ParseState;

import java.util.BitSet;

/**
 * The grammar state of one generated sequence: which tokens may come next, and advancing by the
 * token chosen. End-of-generation tokens are allowed only once the document is complete; after one
 * is accepted the matcher is {@link #isTerminated() terminated}. Not thread-safe.
 */
public final class GrammarMatcher {
    private final TokenMasker masker;
    private ParseState state;
    private boolean terminated;

    GrammarMatcher(TokenMasker masker, ParseState initial) {
        this.masker = masker;
        this.state = initial;
    }

    /**
     * Allowed token ids as a bit mask ({@code (mask[id >>> 6] >>> id & 1) != 0}); one {@code long} per 64 ids.
     * The array is shared with the cache: read it, do not modify it.
     */
    public long[] allowedTokens() {
        if (terminated) {
            return new long[(masker.vocabulary().size() + 63) >>> 6];
        }
        return masker.mask(state);
    }

    /** {@link #allowedTokens()} as a {@link BitSet} (a copy). */
    public BitSet allowedTokenSet() {
        return BitSet.valueOf(allowedTokens());
    }

    public boolean isAllowed(int tokenId) {
        long[] mask = allowedTokens();
        return tokenId >= 0 && tokenId < masker.vocabulary().size() && (mask[tokenId >>> 6] >>> tokenId & 1) != 0;
    }

    /**
     * Advances by {@code tokenId}.
     *
     * @throws IllegalArgumentException when the token is not allowed here (the state is unchanged)
     */
    public void accept(int tokenId) {
        if (terminated) {
            throw new IllegalStateException("the document is finished (an end-of-generation token was accepted);"
                    + " start a new matcher");
        }
        if (tokenId < 0 || tokenId >= masker.vocabulary().size()) {
            throw new IllegalArgumentException("token id " + tokenId + " is outside the vocabulary of "
                    + masker.vocabulary().size());
        }
        if (masker.vocabulary().isEndOfGeneration(tokenId)) {
            if (!state.complete()) {
                throw new IllegalArgumentException("end-of-generation token " + tokenId
                        + " is not allowed: the JSON document is not complete yet");
            }
            terminated = true;
            return;
        }
        if (!isAllowed(tokenId)) {
            throw new IllegalArgumentException("token " + tokenId + " ('" + new String(masker.vocabulary().token(tokenId),
                    java.nio.charset.StandardCharsets.UTF_8) + "') is not allowed by the grammar here");
        }
        state = masker.parser().advance(state, masker.vocabulary().token(tokenId));
    }

    /** The text so far is a complete document (an end-of-generation token may come next). */
    public boolean isComplete() {
        return state.complete();
    }

    public boolean isTerminated() {
        return terminated;
    }
}
