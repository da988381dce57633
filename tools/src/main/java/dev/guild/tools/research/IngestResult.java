package dev.guild.tools.research;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.guild.tools.ToolParam;

/**
 * What ingesting a document did.
 *
 * @param sourceId    the document's id in the knowledge base
 * @param title       the title its passages are cited with
 * @param contentType the detected media type
 * @param contentHash SHA-256 of the document's bytes, hex
 * @param chunks      passages the document has in the knowledge base
 * @param status      {@code ingested} (new), {@code replaced} (other content under the same id before) or
 *                    {@code unchanged} (the same content was already there: nothing was done)
 */
public record IngestResult(
        @JsonProperty("sourceId") @ToolParam("id of the document in the knowledge base") String sourceId,
        @JsonProperty("title") @ToolParam("title the passages are cited with") String title,
        @JsonProperty("contentType") @ToolParam("detected media type") String contentType,
        @JsonProperty("contentHash") @ToolParam("SHA-256 of the document's bytes (hex)") String contentHash,
        @JsonProperty("chunks") @ToolParam("number of passages stored for the document") int chunks,
        @JsonProperty("status") @ToolParam("ingested, replaced or unchanged") Status status) {

    public enum Status {
        @JsonProperty("ingested") INGESTED,
        @JsonProperty("replaced") REPLACED,
        @JsonProperty("unchanged") UNCHANGED;

        /** The wire name (lower case), also used by the generated schema. */
        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
