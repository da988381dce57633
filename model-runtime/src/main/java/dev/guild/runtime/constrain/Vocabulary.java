package dev.guild.runtime.constrain;

import dev.guild.runtime.constrain.internal.TokenTrie;
import dev.guild.runtime.tokenizer.TokenType;
import dev.guild.runtime.tokenizer.Tokenizer;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A model's tokens as the bytes each one decodes to, independent of any tokenizer implementation.
 * Special tokens never match grammar text; end-of-generation tokens are allowed exactly when the
 * document is complete. Build once per model and share (the token trie is built on first use).
 */
public final class Vocabulary {
    private final List<byte[]> tokens;
    private final BitSet special;
    private final BitSet endOfGeneration;
    private volatile TokenTrie trie;

    private Vocabulary(List<byte[]> tokens, BitSet special, BitSet endOfGeneration) {
        this.tokens = tokens;
        this.special = special;
        this.endOfGeneration = endOfGeneration;
    }

    /**
     * @param tokens          bytes of each token id (byte-fallback tokens as their single byte)
     * @param special         ids of control tokens that never appear in constrained text
     * @param endOfGeneration ids that end generation (EOS, EOT, im_end...)
     */
    public static Vocabulary of(List<byte[]> tokens, BitSet special, BitSet endOfGeneration) {
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("vocabulary is empty");
        }
        if (endOfGeneration.isEmpty()) {
            throw new IllegalArgumentException("the vocabulary needs at least one end-of-generation token id");
        }
        if (endOfGeneration.length() > tokens.size() || special.length() > tokens.size()) {
            throw new IllegalArgumentException("special/end-of-generation ids go up to "
                    + Math.max(endOfGeneration.length(), special.length()) + " but the vocabulary has " + tokens.size()
                    + " tokens");
        }
        return new Vocabulary(List.copyOf(tokens), (BitSet) special.clone(), (BitSet) endOfGeneration.clone());
    }

    /** A model's vocabulary: control tokens are special, the tokenizer's end-of-generation tokens end. */
    public static Vocabulary of(Tokenizer t) {
        List<byte[]> pieces = new ArrayList<>();
        BitSet special = new BitSet();
        BitSet eog = new BitSet();
        for (int id = 0; id < t.vocabularySize(); id++) {
            pieces.add(t.tokenToPiece(id, false));
            if (t.tokenType(id) == TokenType.CONTROL) {
                special.set(id);
            }
            if (t.isEog(id)) {
                eog.set(id);
            }
        }
        return of(pieces, special, eog);
    }

    public int size() {
        return tokens.size();
    }

    public byte[] token(int id) {
        return tokens.get(id);
    }

    public boolean isEndOfGeneration(int id) {
        return endOfGeneration.get(id);
    }

    public BitSet endOfGeneration() {
        return (BitSet) endOfGeneration.clone();
    }

    /** The trie over all tokens that are neither special nor end-of-generation. */
    public TokenTrie trie() {
        TokenTrie t = trie;
        if (t == null) {
            synchronized (this) {
                t = trie;
                if (t == null) {
                    t = new TokenTrie(tokens, id -> !special.get(id) && !endOfGeneration.get(id));
                    trie = t;
                }
            }
        }
        return t;
    }
}
