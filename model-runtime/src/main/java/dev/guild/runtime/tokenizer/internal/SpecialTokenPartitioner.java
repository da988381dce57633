package dev.guild.runtime.tokenizer.internal;

import dev.guild.runtime.tokenizer.TokenType;
import java.util.ArrayList;
import java.util.List;

/**
 * llama.cpp's {@code tokenizer_st_partition}: before any pre-tokenization, the text is cut at every
 * occurrence of a special token's text, longest tokens first. CONTROL and UNKNOWN tokens are only
 * matched when special parsing is on; USER_DEFINED tokens always are.
 */
final class SpecialTokenPartitioner {
    /** A piece of the input: raw text {@code [start, end)} or, when {@code token >= 0}, one token. */
    record Fragment(int start, int end, int token) {
        boolean isToken() {
            return token >= 0;
        }
    }

    private final Vocabulary vocab;

    SpecialTokenPartitioner(Vocabulary vocab) {
        this.vocab = vocab;
    }

    /** C's isspace in the "C" locale, which llama.cpp uses for stripping. */
    private static boolean isCSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    List<Fragment> partition(String text, boolean parseSpecial) {
        List<Fragment> fragments = new ArrayList<>();
        if (text.isEmpty()) {
            return fragments;
        }
        fragments.add(new Fragment(0, text.length(), -1));
        for (int id : vocab.specialTokensByLength) {
            TokenType type = vocab.types[id];
            if (!parseSpecial && (type == TokenType.CONTROL || type == TokenType.UNKNOWN)) {
                continue;
            }
            String special = vocab.texts[id];
            if (text.indexOf(special) < 0) {
                continue;
            }
            List<Fragment> next = new ArrayList<>(fragments.size() + 4);
            for (Fragment f : fragments) {
                if (f.isToken()) {
                    next.add(f);
                    continue;
                }
                int pos = f.start();
                while (true) {
                    int match = text.indexOf(special, pos);
                    if (match < 0 || match + special.length() > f.end()) {
                        break;
                    }
                    int leftEnd = match;
                    if (vocab.lstrip[id]) {
                        while (leftEnd > pos && isCSpace(text.charAt(leftEnd - 1))) {
                            leftEnd--;
                        }
                    }
                    if (leftEnd > pos) {
                        next.add(new Fragment(pos, leftEnd, -1));
                    }
                    next.add(new Fragment(match, match + special.length(), id));
                    pos = match + special.length();
                    if (vocab.rstrip[id]) {
                        while (pos < f.end() && isCSpace(text.charAt(pos))) {
                            pos++;
                        }
                    }
                }
                if (pos < f.end()) {
                    next.add(new Fragment(pos, f.end(), -1));
                }
            }
            fragments = next;
        }
        return fragments;
    }
}
