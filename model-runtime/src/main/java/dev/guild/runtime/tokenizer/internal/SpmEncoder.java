package dev.guild.runtime.tokenizer.internal;

import dev.guild.runtime.tokenizer.TokenizerException;

/**
 * SentencePiece-style encoding as llama.cpp's {@code llm_tokenizer_spm_session}: spaces become
 * U+2581, each code point starts as a symbol, and the adjacent pair whose concatenation is the
 * best-scoring vocabulary token is merged first (leftmost on ties), via a priority queue over a
 * linked list. Symbols left that are not tokens fall back to byte tokens {@code <0xXX>}.
 *
 * <p>llama.cpp keeps a map to re-split such symbols along their merges, but a merged symbol is
 * always a vocabulary token, so only single code points reach the byte fallback.
 */
final class SpmEncoder {
    static final char SPACE_MARK = '\u2581';

    private final Vocabulary vocab;
    private final int[] byteTokens = new int[256];

    SpmEncoder(Vocabulary vocab) {
        this.vocab = vocab;
        for (int b = 0; b < 256; b++) {
            Integer id = vocab.tokenToId.get(String.format("<0x%02X>", b));
            if (id == null && b < 0x80) {
                id = vocab.tokenToId.get(String.valueOf((char) b));
            }
            byteTokens[b] = id == null ? Vocabulary.NONE : id;
        }
    }

    void encode(String escaped, IntList out) {
        int[] starts = new int[escaped.length()];
        int n = 0;
        for (int i = 0; i < escaped.length(); i += Character.charCount(escaped.codePointAt(i))) {
            starts[n++] = i;
        }
        if (n == 0) {
            return;
        }
        PairMerger.Symbols symbols = PairMerger.merge(escaped, starts, n, this::mergeScore);
        for (int i = 0; i != -1; i = symbols.next()[i]) {
            String piece = symbols.text(escaped, i);
            Integer id = vocab.tokenToId.get(piece);
            if (id != null) {
                out.add(id);
            } else {
                for (byte b : Utf8.bytes(piece)) {
                    out.add(byteToken(b & 0xFF));
                }
            }
        }
    }

    /** Higher-scoring tokens merge first, so the priority is the negated score. */
    private double mergeScore(String text, int start, int leftLength, int rightLength) {
        Integer id = vocab.tokenToId.get(text.substring(start, start + leftLength + rightLength));
        return id == null ? Double.NaN : -vocab.scores[id];
    }

    /** llama.cpp's byte_to_token: {@code <0xXX>}, else the byte as a one-character token. */
    int byteToken(int b) {
        int id = byteTokens[b];
        if (id == Vocabulary.NONE) {
            if (vocab.special.unk() != Vocabulary.NONE) {
                return vocab.special.unk();
            }
            throw new TokenizerException(String.format("the SentencePiece vocabulary has no byte token <0x%02X> and no "
                    + "unknown token, so byte 0x%02X cannot be encoded; add byte-fallback tokens or an unknown token", b, b));
        }
        return id;
    }
}
