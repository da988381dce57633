package dev.guild.tools.research.internal;

/**
 * A paragraph of extracted text with where it sits.
 *
 * @param text    whitespace-normalized text, never blank
 * @param page    1-based page, or null when the format has no pages
 * @param heading the nearest heading above (a heading block's own text), or null
 */
record Block(String text, Integer page, String heading) {
}
