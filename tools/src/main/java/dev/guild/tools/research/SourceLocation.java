package dev.guild.tools.research;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.guild.tools.ToolParam;

/**
 * Where a passage sits in its document: character offsets into the document's extracted text, and, where the format
 * has them, the page (PDF, 1-based) and the nearest heading above the passage (HTML, Markdown, DOCX, PDF bookmarks are
 * not used).
 *
 * @param page      1-based page number, or null when the format has no pages
 * @param heading   text of the nearest heading above the passage, or null
 * @param startChar offset of the first character in the extracted text (inclusive)
 * @param endChar   offset after the last character (exclusive)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceLocation(
        @JsonProperty("page") @ToolParam(value = "1-based page number (PDF)", required = false) Integer page,
        @JsonProperty("heading") @ToolParam(value = "nearest heading above the passage", required = false) String heading,
        @JsonProperty("startChar") @ToolParam("offset of the passage's first character in the document's extracted text") int startChar,
        @JsonProperty("endChar") @ToolParam("offset after the passage's last character") int endChar) {

    public SourceLocation {
        if (startChar < 0 || endChar < startChar) {
            throw new IllegalArgumentException("a location needs 0 <= startChar <= endChar; got " + startChar + ".." + endChar);
        }
    }
}
