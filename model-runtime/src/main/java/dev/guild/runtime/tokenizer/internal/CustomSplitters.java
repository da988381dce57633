package dev.guild.runtime.tokenizer.internal;

import static dev.guild.runtime.tokenizer.internal.UnicodeFlags.isLetter;
import static dev.guild.runtime.tokenizer.internal.UnicodeFlags.isNumber;
import static dev.guild.runtime.tokenizer.internal.UnicodeFlags.isSpace;

import java.util.function.IntPredicate;

/**
 * Hand-written splitters for the two regexes llama.cpp implements in code rather than with
 * {@code std::regex} ({@code unicode_regex_split_custom_gpt2} and {@code _llama3}). They reproduce
 * llama.cpp's behaviour, including where it differs from the regex it stands for.
 */
final class CustomSplitters {
    static final String GPT2_REGEX = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)";
    static final String LLAMA3_REGEX = "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+"
            + "|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    static final String LLAMA3_REGEX_CASE_INSENSITIVE = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+"
            + "|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    private static final int OUT_OF_RANGE = -1;

    private CustomSplitters() {
    }

    /** True when llama.cpp would use a custom splitter for this regex. */
    static boolean handles(String regex) {
        return regex.equals(GPT2_REGEX) || regex.equals(LLAMA3_REGEX) || regex.equals(LLAMA3_REGEX_CASE_INSENSITIVE);
    }

    static IntList split(String regex, int[] cpts, IntList offsets) {
        boolean gpt2 = regex.equals(GPT2_REGEX);
        IntList out = new IntList(offsets.size() * 4);
        int start = 0;
        for (int k = 0; k < offsets.size(); k++) {
            Segment s = new Segment(cpts, start, start + offsets.get(k), out);
            if (gpt2) {
                s.gpt2();
            } else {
                s.llama3();
            }
            start += offsets.get(k);
        }
        return out;
    }

    /** One segment of the text being split, with llama.cpp's bounded accessors. */
    private static final class Segment {
        private final int[] cpts;
        private final int ini;
        private final int end;
        private final IntList out;
        private int prevEnd;

        Segment(int[] cpts, int ini, int end, IntList out) {
            this.cpts = cpts;
            this.ini = ini;
            this.end = end;
            this.out = out;
            this.prevEnd = ini;
        }

        private int cpt(int pos) {
            return pos >= ini && pos < end ? cpts[pos] : OUT_OF_RANGE;
        }

        private int flags(int pos) {
            return pos >= ini && pos < end ? UnicodeFlags.of(cpts[pos]) : UnicodeFlags.NONE;
        }

        private int addToken(int tokenEnd) {
            int len = tokenEnd - prevEnd;
            if (len > 0) {
                out.add(len);
            }
            prevEnd = tokenEnd;
            return len;
        }

        private static boolean isPunct(int flags) {
            return !(isSpace(flags) || isLetter(flags) || isNumber(flags)) && flags != 0;
        }

        /** Length of a contraction ('s 't 're 've 'm 'll 'd) starting at pos, or 0. */
        private int contraction(int pos, boolean ignoreCase) {
            if (cpt(pos) != '\'' || pos + 1 >= end) {
                return 0;
            }
            int next = ignoreCase ? lower(cpt(pos + 1)) : cpt(pos + 1);
            if (next == 's' || next == 't' || next == 'm' || next == 'd') {
                return 2;
            }
            if (pos + 2 < end) {
                int nextNext = ignoreCase ? lower(cpt(pos + 2)) : cpt(pos + 2);
                if ((next == 'r' && nextNext == 'e') || (next == 'v' && nextNext == 'e') || (next == 'l' && nextNext == 'l')) {
                    return 3;
                }
            }
            return 0;
        }

        private static int lower(int cpt) {
            return cpt == OUT_OF_RANGE ? cpt : UnicodeFlags.toLower(cpt);
        }

        private int run(int pos, IntPredicate flagTest) {
            while (flagTest.test(flags(pos))) {
                pos++;
            }
            return pos;
        }

        /**
         * The whitespace alternatives at the end of both regexes: {@code \s*[\r\n]+} (llama3 only),
         * {@code \s+(?!\S)} and {@code \s+}. Returns the end of the match, or -1 when there is none.
         */
        private int whitespace(int pos, boolean newlineRule) {
            int spaces = 0;
            int lastEndOfNewline = 0;
            while (isSpace(flags(pos + spaces))) {
                int c = cpt(pos + spaces);
                if (c == '\r' || c == '\n') {
                    lastEndOfNewline = pos + spaces + 1;
                }
                spaces++;
            }
            if (newlineRule && lastEndOfNewline > 0) {
                return lastEndOfNewline;
            }
            if (spaces > 1 && cpt(pos + spaces) != OUT_OF_RANGE) {
                return pos + spaces - 1;
            }
            return spaces > 0 ? pos + spaces : -1;
        }

        private void endWord(int pos, boolean newlineRule) {
            int end = whitespace(pos, newlineRule);
            addToken(end >= 0 ? end : pos + 1);
        }

        void gpt2() {
            for (int pos = ini; pos < end; ) {
                int cpt = cpt(pos);
                int contraction = contraction(pos, false);
                if (contraction > 0) {
                    pos += addToken(pos + contraction);
                    continue;
                }
                // <space>?\p{L}+ | <space>?\p{N}+ | <space>?[^\s\p{L}\p{N}]+
                int flags2 = cpt == ' ' ? flags(pos + 1) : flags(pos);
                IntPredicate word = isLetter(flags2) ? UnicodeFlags::isLetter
                        : isNumber(flags2) ? UnicodeFlags::isNumber
                        : isPunct(flags2) ? Segment::isPunct : null;
                if (word != null) {
                    pos = run(pos + (cpt == ' ' ? 1 : 0), word);
                    addToken(pos);
                    continue;
                }
                endWord(pos, false);
                pos = prevEnd;
            }
        }

        void llama3() {
            for (int pos = ini; pos < end; ) {
                int cpt = cpt(pos);
                int flags = flags(pos);
                int contraction = contraction(pos, true);
                if (contraction > 0) {
                    pos += addToken(pos + contraction);
                    continue;
                }
                // [^\r\n\p{L}\p{N}]?\p{L}+
                if (!(cpt == '\r' || cpt == '\n' || isNumber(flags)) && (isLetter(flags) || isLetter(flags(pos + 1)))) {
                    pos = run(pos + 1, UnicodeFlags::isLetter);
                    addToken(pos);
                    continue;
                }
                // \p{N}{1,3}
                if (isNumber(flags)) {
                    int numberStart = pos;
                    while (isNumber(flags(pos))) {
                        if (++pos - numberStart >= 3) {
                            addToken(pos);
                            numberStart = pos;
                        }
                    }
                    addToken(pos);
                    continue;
                }
                // <space>?[^\s\p{L}\p{N}]+[\r\n]*  (llama.cpp tests the unshifted flags for being non-empty)
                int flags2 = cpt == ' ' ? flags(pos + 1) : flags;
                if (!(isSpace(flags2) || isLetter(flags2) || isNumber(flags2)) && flags != 0) {
                    pos = run(pos + (cpt == ' ' ? 1 : 0), Segment::isPunct);
                    while (cpt(pos) == '\r' || cpt(pos) == '\n') {
                        pos++;
                    }
                    addToken(pos);
                    continue;
                }
                endWord(pos, true);
                pos = prevEnd;
            }
        }
    }
}
