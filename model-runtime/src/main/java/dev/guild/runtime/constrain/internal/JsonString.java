package dev.guild.runtime.constrain.internal;

/**
 * A JSON string with its quotes: valid UTF-8, escapes checked, length in characters (escapes and
 * code points count one) between {@code minLength} and {@code maxLength}, optionally only ASCII
 * characters of an allowed class (then no escapes). State: {@code count * 64 + sub}.
 */
public record JsonString(int minLength, int maxLength, boolean[] allowedAscii) implements Terminal {
    private static final int NORMAL = 0, BACKSLASH = 1, HEX1 = 2, HEX4 = 5, CONT1 = 10, CONT2 = 11, CONT3 = 12,
            E0 = 13, ED = 14, F0 = 15, F4 = 16, CLOSED = 20, OPEN = 30;

    /** {@code maxLength} of a string without one. Counts then stop at {@code minLength}: longer counts are all alike. */
    public static final int UNBOUNDED = 1 << 24;

    public static JsonString any() {
        return new JsonString(0, UNBOUNDED, null);
    }

    public int initial() {
        return OPEN;
    }

    public int step(int state, int b) {
        int sub = state & 63;
        int count = state >>> 6;
        return switch (sub) {
            case OPEN -> b == '"' ? NORMAL : REJECT;
            case NORMAL -> normal(count, b);
            case BACKSLASH -> switch (b) {
                case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> at(count + 1, NORMAL);
                case 'u' -> at(count, HEX4);
                default -> REJECT;
            };
            case HEX1, HEX1 + 1, HEX1 + 2, HEX4 -> isHex(b) ? at(sub == HEX1 ? count + 1 : count, sub == HEX1 ? NORMAL : sub - 1)
                    : REJECT;
            case CONT1 -> b >= 0x80 && b <= 0xBF ? at(count + 1, NORMAL) : REJECT;
            case CONT2 -> b >= 0x80 && b <= 0xBF ? at(count, CONT1) : REJECT;
            case CONT3 -> b >= 0x80 && b <= 0xBF ? at(count, CONT2) : REJECT;
            case E0 -> b >= 0xA0 && b <= 0xBF ? at(count, CONT1) : REJECT;
            case ED -> b >= 0x80 && b <= 0x9F ? at(count, CONT1) : REJECT;
            case F0 -> b >= 0x90 && b <= 0xBF ? at(count, CONT2) : REJECT;
            case F4 -> b >= 0x80 && b <= 0x8F ? at(count, CONT2) : REJECT;
            default -> REJECT;
        };
    }

    private int normal(int count, int b) {
        if (b == '"') {
            return count >= minLength ? at(count, CLOSED) : REJECT;
        }
        if ((maxLength < UNBOUNDED && count >= maxLength) || b < 0x20) {
            return REJECT;
        }
        if (allowedAscii != null) {
            return b < 128 && allowedAscii[b] ? at(count + 1, NORMAL) : REJECT;
        }
        if (b == '\\') {
            return at(count, BACKSLASH);
        }
        if (b < 0x80) {
            return at(count + 1, NORMAL);
        }
        if (b >= 0xC2 && b <= 0xDF) {
            return at(count, CONT1);
        }
        if (b == 0xE0) {
            return at(count, E0);
        }
        if (b == 0xED) {
            return at(count, ED);
        }
        if (b >= 0xE1 && b <= 0xEF) {
            return at(count, CONT2);
        }
        if (b == 0xF0) {
            return at(count, F0);
        }
        if (b >= 0xF1 && b <= 0xF3) {
            return at(count, CONT3);
        }
        return b == 0xF4 ? at(count, F4) : REJECT;
    }

    /**
     * The state for {@code count} characters; without a maximum the count saturates at the minimum, so
     * that states (and the token masks cached per state) do not multiply with the string's length.
     */
    private int at(int count, int sub) {
        int c = maxLength >= UNBOUNDED ? Math.min(count, minLength) : count;
        return c << 6 | sub;
    }

    private static boolean isHex(int b) {
        return b >= '0' && b <= '9' || b >= 'a' && b <= 'f' || b >= 'A' && b <= 'F';
    }

    public boolean canEnd(int state) {
        return (state & 63) == CLOSED;
    }

    public boolean hasMore(int state) {
        return (state & 63) != CLOSED;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonString s && s.minLength == minLength && s.maxLength == maxLength
                && java.util.Arrays.equals(s.allowedAscii, allowedAscii);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * minLength + maxLength) + java.util.Arrays.hashCode(allowedAscii);
    }
}
