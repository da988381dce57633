package dev.guild.runtime.tokenizer.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into pre-tokens with a list of regexes applied one after another, the way
 * llama.cpp's {@code unicode_regex_split} does: each regex splits every segment left by the previous
 * one (matches and the gaps between them both become segments).
 *
 * <p>Regexes that llama.cpp implements by hand go to {@link CustomSplitters}. The others run on
 * {@code std::regex} in llama.cpp; here they run on {@link Pattern} over the same transformed text:
 * when the regex names Unicode categories ({@code \p{L}} ...) every code point is collapsed to one
 * representative character per category and the categories in the regex are rewritten to match
 * those characters; otherwise the regex runs on the code points with non-ASCII whitespace replaced
 * by a vertical tab. Both are what llama.cpp does, so quirks such as {@code \s} missing U+3000 in a
 * collapsed text carry over.
 */
public final class WordSplitter {
    private static final Map<String, Integer> CATEGORIES = Map.of(
            "\\p{N}", UnicodeFlags.NUMBER,
            "\\p{L}", UnicodeFlags.LETTER,
            "\\p{P}", UnicodeFlags.PUNCTUATION,
            "\\p{M}", UnicodeFlags.ACCENT_MARK,
            "\\p{S}", UnicodeFlags.SYMBOL);
    private static final Map<Integer, Character> CATEGORY_CHAR = Map.of(
            UnicodeFlags.NUMBER, (char) 0xD1,
            UnicodeFlags.LETTER, (char) 0xD2,
            UnicodeFlags.PUNCTUATION, (char) 0xD3,
            UnicodeFlags.ACCENT_MARK, (char) 0xD4,
            UnicodeFlags.SYMBOL, (char) 0xD5);
    private static final Map<Integer, String> CATEGORY_ASCII = Map.of(
            UnicodeFlags.NUMBER, "0-9",
            UnicodeFlags.LETTER, "A-Za-z",
            UnicodeFlags.PUNCTUATION, "!-#%-*,-/:-;?-@\\[-\\]_\\{\\}",
            UnicodeFlags.ACCENT_MARK, "",
            UnicodeFlags.SYMBOL, "\\$\\+<->^`\\|");
    private static final char COLLAPSED_WHITESPACE = 0x0B;
    private static final char COLLAPSED_OTHER = 0xD0;

    private final List<Step> steps;

    /** Compiles the regexes (in llama.cpp's ECMAScript dialect) once. */
    public WordSplitter(List<String> regexes) {
        steps = new ArrayList<>(regexes.size());
        for (String regex : regexes) {
            if (CustomSplitters.handles(regex)) {
                steps.add(new Step(regex, null, false));
            } else if (usesCategories(regex)) {
                steps.add(new Step(regex, Pattern.compile(toJava(collapseRegex(regex))), true));
            } else {
                steps.add(new Step(regex, Pattern.compile(toJava(regex)), false));
            }
        }
    }

    /** Splits the code points into pre-token lengths (in code points) that sum to the input length. */
    public int[] split(int[] cpts) {
        IntList offsets = new IntList(1);
        if (cpts.length == 0) {
            return new int[0];
        }
        offsets.add(cpts.length);
        String collapsed = null;
        WideText wide = null;
        for (Step step : steps) {
            if (step.pattern == null) {
                offsets = CustomSplitters.split(step.regex, cpts, offsets);
            } else if (step.collapsed) {
                if (collapsed == null) {
                    collapsed = collapse(cpts);
                }
                offsets = splitWithPattern(step.pattern, collapsed, null, offsets);
            } else {
                if (wide == null) {
                    wide = WideText.of(cpts);
                }
                offsets = splitWithPattern(step.pattern, wide.text, wide, offsets);
            }
        }
        return offsets.toArray();
    }

    private static IntList splitWithPattern(Pattern pattern, String text, WideText wide, IntList offsets) {
        IntList out = new IntList(offsets.size() * 4);
        Matcher matcher = pattern.matcher(text);
        int startCpt = 0;
        for (int k = 0; k < offsets.size(); k++) {
            int length = offsets.get(k);
            int regionStart = wide == null ? startCpt : wide.charIndex(startCpt);
            int regionEnd = wide == null ? startCpt + length : wide.charIndex(startCpt + length);
            matcher.region(regionStart, regionEnd);
            int consumed = startCpt;
            while (matcher.find()) {
                int matchStart = wide == null ? matcher.start() : wide.cptIndex(matcher.start());
                int matchEnd = wide == null ? matcher.end() : wide.cptIndex(matcher.end());
                if (matchStart > consumed) {
                    out.add(matchStart - consumed);
                }
                out.add(matchEnd - matchStart);
                consumed = matchEnd;
            }
            if (consumed < startCpt + length) {
                out.add(startCpt + length - consumed);
            }
            startCpt += length;
        }
        return out;
    }

    private static boolean usesCategories(String regex) {
        for (String category : CATEGORIES.keySet()) {
            if (regex.contains(category)) {
                return true;
            }
        }
        return false;
    }

    private static String collapse(int[] cpts) {
        char[] chars = new char[cpts.length];
        for (int i = 0; i < cpts.length; i++) {
            int cpt = cpts[i];
            if (cpt < 128) {
                chars[i] = (char) cpt;
                continue;
            }
            int flags = UnicodeFlags.of(cpt);
            if (UnicodeFlags.isSpace(flags)) {
                chars[i] = COLLAPSED_WHITESPACE;
            } else {
                chars[i] = CATEGORY_CHAR.getOrDefault(flags & UnicodeFlags.CATEGORY_MASK, COLLAPSED_OTHER);
            }
        }
        return new String(chars);
    }

    /** llama.cpp's rewrite of {@code \p{X}} into the collapsed representative plus its ASCII members. */
    static String collapseRegex(String regex) {
        StringBuilder out = new StringBuilder(regex.length() + 32);
        boolean inside = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '[' && (i == 0 || regex.charAt(i - 1) != '\\')) {
                out.append('[');
                inside = true;
                continue;
            }
            if (inside && c == ']' && regex.charAt(i - 1) != '\\') {
                out.append(']');
                inside = false;
                continue;
            }
            if (c == '\\' && i + 4 < regex.length() && regex.charAt(i + 1) == 'p' && regex.charAt(i + 2) == '{'
                    && regex.charAt(i + 4) == '}') {
                Integer category = CATEGORIES.get(regex.substring(i, i + 5));
                if (category != null) {
                    if (!inside) {
                        out.append('[');
                    }
                    out.append(CATEGORY_CHAR.get(category)).append(CATEGORY_ASCII.get(category));
                    if (!inside) {
                        out.append(']');
                    }
                    i += 4;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * Adapts ECMAScript syntax to {@link Pattern}: an unescaped {@code $} outside a class means the
     * end of the input in ECMAScript, but also "before a final line terminator" in Java.
     */
    static String toJava(String regex) {
        StringBuilder out = new StringBuilder(regex.length());
        boolean inside = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                out.append(c).append(regex.charAt(++i));
                continue;
            }
            if (c == '[') {
                inside = true;
            } else if (c == ']') {
                inside = false;
            } else if (c == '$' && !inside) {
                out.append("\\z");
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    private record Step(String regex, Pattern pattern, boolean collapsed) {
    }

    /** Code points as a Java string (UTF-16) with the index maps between the two. */
    private record WideText(String text, int[] charOfCpt, int[] cptOfChar) {
        static WideText of(int[] cpts) {
            StringBuilder sb = new StringBuilder(cpts.length + 8);
            int[] charOfCpt = new int[cpts.length + 1];
            for (int i = 0; i < cpts.length; i++) {
                charOfCpt[i] = sb.length();
                int cpt = cpts[i];
                sb.appendCodePoint(cpt > 0x7F && UnicodeFlags.isWhitespace(cpt) ? COLLAPSED_WHITESPACE : cpt);
            }
            charOfCpt[cpts.length] = sb.length();
            int[] cptOfChar = new int[sb.length() + 1];
            for (int i = 0; i <= cpts.length; i++) {
                cptOfChar[charOfCpt[i]] = i;
            }
            return new WideText(sb.toString(), charOfCpt, cptOfChar);
        }

        int charIndex(int cpt) {
            return charOfCpt[cpt];
        }

        int cptIndex(int charIndex) {
            return cptOfChar[charIndex];
        }
    }
}
