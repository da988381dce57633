package dev.guild.runtime.constrain.internal;

import java.util.Arrays;

/**
 * A byte-level matcher with an integer state: the leaves of the grammar. Each is deterministic;
 * the grammar's nondeterminism (alternatives, where a terminal ends) lives in the parse state.
 */
public sealed interface Terminal permits Terminal.Literal, Terminal.Whitespace, Terminal.Number, JsonString, IntegerRange {
    int REJECT = -1;

    int initial();

    /** The state after byte {@code b} (0..255), or {@link #REJECT}. */
    int step(int state, int b);

    /** Whether the terminal may end in {@code state}. */
    boolean canEnd(int state);

    /** Whether some byte may follow in {@code state}. */
    boolean hasMore(int state);

    /** Exact bytes. State: how many matched. */
    record Literal(byte[] bytes) implements Terminal {
        public int initial() {
            return 0;
        }

        public int step(int state, int b) {
            return state < bytes.length && (bytes[state] & 0xFF) == b ? state + 1 : REJECT;
        }

        public boolean canEnd(int state) {
            return state == bytes.length;
        }

        public boolean hasMore(int state) {
            return state < bytes.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Literal l && Arrays.equals(bytes, l.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Literal[" + new String(bytes, java.nio.charset.StandardCharsets.UTF_8) + "]";
        }
    }

    /** Up to {@code max} bytes of JSON whitespace (space, newline, tab). State: how many. */
    record Whitespace(int max) implements Terminal {
        public int initial() {
            return 0;
        }

        public int step(int state, int b) {
            return state < max && (b == ' ' || b == '\n' || b == '\t') ? state + 1 : REJECT;
        }

        public boolean canEnd(int state) {
            return true;
        }

        public boolean hasMore(int state) {
            return state < max;
        }
    }

    /**
     * A JSON number: {@code -?(0|[1-9][0-9]*)}, plus {@code (\.[0-9]+)?([eE][+-]?[0-9]+)?} unless integer.
     * Digits per part are bounded (15 integer and fraction digits, 2 exponent digits) so that values
     * stay exact in a double and generation cannot run away. State: phase + 16 * digits in the phase.
     */
    record Number(boolean integer) implements Terminal {
        private static final int START = 0, MINUS = 1, ZERO = 2, INT = 3, DOT = 4, FRAC = 5, E = 6, ESIGN = 7, EXP = 8;
        private static final int MAX_DIGITS = 15, MAX_EXP_DIGITS = 2;

        public int initial() {
            return START;
        }

        public int step(int state, int b) {
            int phase = state & 15;
            int digits = state >>> 4;
            boolean digit = b >= '0' && b <= '9';
            return switch (phase) {
                case START -> b == '-' ? MINUS : b == '0' ? ZERO : digit ? INT | 16 : REJECT;
                case MINUS -> b == '0' ? ZERO : digit ? INT | 16 : REJECT;
                case ZERO -> fraction(b);
                case INT -> digit && digits < MAX_DIGITS ? INT | (digits + 1) << 4 : fraction(b);
                case DOT -> digit ? FRAC | 16 : REJECT;
                case FRAC -> digit && digits < MAX_DIGITS ? FRAC | (digits + 1) << 4 : b == 'e' || b == 'E' ? E : REJECT;
                case E -> b == '+' || b == '-' ? ESIGN : digit ? EXP | 16 : REJECT;
                case ESIGN -> digit ? EXP | 16 : REJECT;
                case EXP -> digit && digits < MAX_EXP_DIGITS ? EXP | (digits + 1) << 4 : REJECT;
                default -> REJECT;
            };
        }

        private int fraction(int b) {
            if (integer) {
                return REJECT;
            }
            return b == '.' ? DOT : b == 'e' || b == 'E' ? E : REJECT;
        }

        public boolean canEnd(int state) {
            int phase = state & 15;
            return phase == ZERO || phase == INT || phase == FRAC || phase == EXP;
        }

        public boolean hasMore(int state) {
            int phase = state & 15;
            return !(phase == EXP && state >>> 4 >= MAX_EXP_DIGITS) && !(integer && phase == ZERO);
        }
    }
}
