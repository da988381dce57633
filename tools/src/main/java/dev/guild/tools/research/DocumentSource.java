package dev.guild.tools.research;

import java.util.Objects;

/**
 * A document to add to the knowledge base.
 *
 * @param sourceId    identifies the document in the knowledge base; ingesting the same id again replaces its passages
 * @param title       title to show and cite; null = the document's own title (metadata or first heading), else the id
 * @param url         where the document can be read, cited with its passages; may be null
 * @param fileName    file name, used with the content to detect the format; may be null
 * @param contentType declared media type ({@code text/markdown}, {@code application/pdf}, ...); null = detect
 * @param content     the document's bytes
 */
public record DocumentSource(String sourceId, String title, String url, String fileName, String contentType, byte[] content) {

    public static final int MAX_SOURCE_ID_LENGTH = 512;

    public DocumentSource {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(content, "content");
        if (sourceId.isBlank() || sourceId.length() > MAX_SOURCE_ID_LENGTH || sourceId.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("sourceId must be 1 to " + MAX_SOURCE_ID_LENGTH
                    + " characters without control characters; got '" + sourceId + "'");
        }
    }
}
