package dev.guild.runtime.tokenizer.internal;

/**
 * Code point classes as llama.cpp's {@code unicode_cpt_flags} defines them: one general-category
 * group per code point plus the Unicode {@code White_Space} property. Categories come from the
 * JDK's Unicode tables; the whitespace set is the fixed list llama.cpp generates.
 */
public final class UnicodeFlags {
    /** Position outside the text: no flag set (llama.cpp returns empty flags there). */
    public static final int NONE = 0;
    public static final int UNDEFINED = 0x0001;
    public static final int NUMBER = 0x0002;
    public static final int LETTER = 0x0004;
    public static final int SEPARATOR = 0x0008;
    public static final int ACCENT_MARK = 0x0010;
    public static final int PUNCTUATION = 0x0020;
    public static final int SYMBOL = 0x0040;
    public static final int CONTROL = 0x0080;
    public static final int CATEGORY_MASK = 0x00FF;
    public static final int WHITESPACE = 0x0100;

    private UnicodeFlags() {
    }

    /** The flags of one code point (category bit, plus {@link #WHITESPACE} where it applies). */
    public static int of(int cpt) {
        if (cpt < 0 || cpt > Character.MAX_CODE_POINT) {
            return NONE;
        }
        int flags = category(cpt);
        return isWhitespace(cpt) ? flags | WHITESPACE : flags;
    }

    public static boolean isWhitespace(int cpt) {
        return (cpt >= 0x09 && cpt <= 0x0D) || cpt == 0x20 || cpt == 0x85 || cpt == 0xA0 || cpt == 0x1680
                || (cpt >= 0x2000 && cpt <= 0x200A) || cpt == 0x2028 || cpt == 0x2029 || cpt == 0x202F
                || cpt == 0x205F || cpt == 0x3000;
    }

    public static boolean isLetter(int flags) {
        return (flags & LETTER) != 0;
    }

    public static boolean isNumber(int flags) {
        return (flags & NUMBER) != 0;
    }

    public static boolean isSpace(int flags) {
        return (flags & WHITESPACE) != 0;
    }

    private static int category(int cpt) {
        return switch (Character.getType(cpt)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER -> LETTER;
            case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> NUMBER;
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK -> ACCENT_MARK;
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> PUNCTUATION;
            case Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL,
                 Character.OTHER_SYMBOL -> SYMBOL;
            case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> SEPARATOR;
            case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE -> CONTROL;
            default -> UNDEFINED;
        };
    }

    /** Lower-case mapping used by the llama3 splitter's case-insensitive contractions. */
    public static int toLower(int cpt) {
        return Character.toLowerCase(cpt);
    }
}
