package dev.guild.runtime.constrain;

/**
 * How permissive a compiled grammar is.
 *
 * @param maxWhitespace bytes of whitespace (space, newline, tab) allowed at each place JSON allows
 *                      whitespace (default 2; 0 forces compact JSON)
 * @param maxDepth      deepest grammar stack, which bounds nesting of recursive schemas (default 128)
 * @param maxUnroll     largest {@code minItems}/{@code maxItems} compiled exactly (default 256)
 */
public record GrammarOptions(int maxWhitespace, int maxDepth, int maxUnroll) {
    public static final GrammarOptions DEFAULTS = new GrammarOptions(2, 128, 256);

    public GrammarOptions {
        if (maxWhitespace < 0 || maxWhitespace > 64) {
            throw new IllegalArgumentException("maxWhitespace " + maxWhitespace + " must be between 0 and 64");
        }
        if (maxDepth < 4 || maxDepth > 10_000) {
            throw new IllegalArgumentException("maxDepth " + maxDepth + " must be between 4 and 10000");
        }
        if (maxUnroll < 1 || maxUnroll > 10_000) {
            throw new IllegalArgumentException("maxUnroll " + maxUnroll + " must be between 1 and 10000");
        }
    }
}
