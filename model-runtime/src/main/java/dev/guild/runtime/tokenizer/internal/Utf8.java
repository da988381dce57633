package dev.guild.runtime.tokenizer.internal;

import java.nio.charset.StandardCharsets;

/** UTF-8 helpers with llama.cpp's rules for malformed input. */
public final class Utf8 {
    private static final int REPLACEMENT = 0xFFFD;

    private Utf8() {
    }

    /** Bytes of the string in UTF-8 (lone surrogates become '?', as {@link String#getBytes} does). */
    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static int length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /**
     * Decodes like llama.cpp's {@code unicode_cpts_from_utf8}: a byte that does not start a
     * well-formed sequence becomes U+FFFD and decoding resumes at the next byte.
     */
    public static String decodeLenient(byte[] utf8) {
        StringBuilder sb = new StringBuilder(utf8.length);
        int i = 0;
        while (i < utf8.length) {
            int b = utf8[i] & 0xFF;
            int len = sequenceLength(b);
            int cpt = len == 0 ? -1 : decodeAt(utf8, i, len);
            if (cpt < 0) {
                sb.appendCodePoint(REPLACEMENT);
                i++;
            } else {
                sb.appendCodePoint(cpt);
                i += len;
            }
        }
        return sb.toString();
    }

    /** Length of the sequence a lead byte announces, 0 for a continuation or invalid lead byte. */
    static int sequenceLength(int lead) {
        if (lead < 0x80) {
            return 1;
        }
        if ((lead & 0xE0) == 0xC0) {
            return 2;
        }
        if ((lead & 0xF0) == 0xE0) {
            return 3;
        }
        if ((lead & 0xF8) == 0xF0) {
            return 4;
        }
        return 0;
    }

    private static int decodeAt(byte[] b, int at, int len) {
        if (at + len > b.length) {
            return -1;
        }
        int cpt = len == 1 ? b[at] & 0x7F : b[at] & (0xFF >> (len + 1));
        for (int k = 1; k < len; k++) {
            int c = b[at + k] & 0xFF;
            if ((c & 0xC0) != 0x80) {
                return -1;
            }
            cpt = (cpt << 6) | (c & 0x3F);
        }
        if (cpt > Character.MAX_CODE_POINT || (cpt >= 0xD800 && cpt <= 0xDFFF)) {
            return -1;
        }
        return cpt;
    }

    /**
     * How many leading bytes of {@code buf[0..n)} can be decoded now: everything except a trailing
     * sequence that is incomplete but could still become valid with more bytes.
     */
    public static int completePrefix(byte[] buf, int n) {
        for (int back = 1; back <= Math.min(3, n); back++) {
            int b = buf[n - back] & 0xFF;
            if ((b & 0xC0) == 0x80) {
                continue;
            }
            int len = sequenceLength(b);
            return len > back ? n - back : n;
        }
        return n;
    }
}
