package dev.guild.tools.research.internal;

/**
 * A passage of a document.
 *
 * @param index     0-based position in the document
 * @param text      the passage
 * @param page      page of its first sentence, or null
 * @param heading   heading above it, or null
 * @param startChar offset in the document's text
 * @param endChar   offset after its end
 */
record Chunk(int index, String text, Integer page, String heading, int startChar, int endChar) {
}
