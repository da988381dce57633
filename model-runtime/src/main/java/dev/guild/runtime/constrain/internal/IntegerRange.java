package dev.guild.runtime.constrain.internal;

/**
 * A JSON integer between {@code min} and {@code max} inclusive ({@code minimum}/{@code maximum},
 * {@code exclusiveMinimum}/{@code exclusiveMaximum}), both within ±{@link #LIMIT}. A digit is taken only
 * if some completion of the digits so far lands in the range. State: {@code magnitude * 4 + phase},
 * phase 0 = start, 1 = after '-', 2 = digits of a positive number, 3 = digits of a negative one.
 */
public record IntegerRange(long min, long max) implements Terminal {
    public static final long LIMIT = 100_000_000L;
    private static final int START = 0, MINUS = 1, POS = 2, NEG = 3;

    public IntegerRange {
        if (min > max || Math.abs(min) > LIMIT || Math.abs(max) > LIMIT) {
            throw new IllegalArgumentException("integer range [" + min + ", " + max + "] must be ordered and within ±" + LIMIT);
        }
    }

    public int initial() {
        return START;
    }

    public int step(int state, int b) {
        int phase = state & 3;
        long magnitude = state >>> 2;
        if (phase == START && b == '-') {
            return min < 0 ? MINUS : REJECT;
        }
        if (b < '0' || b > '9') {
            return REJECT;
        }
        int digit = b - '0';
        boolean negative = phase == MINUS || phase == NEG;
        if ((phase == POS || phase == NEG) && magnitude == 0) {
            return REJECT; // no digits after a leading zero
        }
        if (phase == MINUS && digit == 0) {
            return REJECT; // "-0" is not a negative number worth generating
        }
        long next = phase == START || phase == MINUS ? digit : magnitude * 10 + digit;
        if (next > LIMIT || !viable(negative, next, phase == START || phase == MINUS ? 1 : digits(magnitude) + 1)) {
            return REJECT;
        }
        return (int) (next << 2) | (negative ? NEG : POS);
    }

    /** Whether the digits {@code prefix} (with {@code length} digits) can still be completed into the range. */
    private boolean viable(boolean negative, long prefix, int length) {
        long scale = 1;
        for (int extra = 0; length + extra <= 10; extra++) {
            long low = prefix * scale;
            long high = prefix == 0 ? 0 : low + scale - 1;
            long from = negative ? -high : low;
            long to = negative ? -low : high;
            if (from <= max && to >= min) {
                return true;
            }
            if (prefix == 0) {
                return false;
            }
            scale *= 10;
        }
        return false;
    }

    private static int digits(long v) {
        return v < 10 ? 1 : 1 + digits(v / 10);
    }

    public boolean canEnd(int state) {
        int phase = state & 3;
        if (phase != POS && phase != NEG) {
            return false;
        }
        long value = phase == NEG ? -(long) (state >>> 2) : state >>> 2;
        return value >= min && value <= max;
    }

    public boolean hasMore(int state) {
        int phase = state & 3;
        return phase == START || phase == MINUS || (state >>> 2) != 0;
    }
}
