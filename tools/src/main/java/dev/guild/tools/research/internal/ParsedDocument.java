package dev.guild.tools.research.internal;

import java.util.List;

/**
 * A document's readable text as blocks. {@link #text()} joins them with blank lines; offsets in
 * {@link dev.guild.tools.research.SourceLocation} refer to that text.
 *
 * @param title       the document's title (metadata, else first heading), or null
 * @param contentType the media type it was parsed as
 * @param blocks      paragraphs in reading order
 */
public record ParsedDocument(String title, String contentType, List<Block> blocks) {

    static final String SEPARATOR = "\n\n";

    public ParsedDocument {
        blocks = List.copyOf(blocks);
    }

    /** The readable text: the blocks separated by blank lines. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (Block block : blocks) {
            if (!text.isEmpty()) {
                text.append(SEPARATOR);
            }
            text.append(block.text());
        }
        return text.toString();
    }
}
