package dev.guild.tools.research;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.guild.tools.ToolParam;

/**
 * What removing a document from the knowledge base did.
 *
 * @param sourceId the document's id
 * @param chunks   passages removed (0 unless {@code deleted})
 * @param status   {@code deleted}; {@code absent} (no document under that id: nothing to do); {@code changed} (the
 *                 stored document's content is not the one named, so it was kept)
 */
public record DeleteResult(
        @JsonProperty("sourceId") @ToolParam("id of the document") String sourceId,
        @JsonProperty("chunks") @ToolParam("passages removed") int chunks,
        @JsonProperty("status") @ToolParam("deleted, absent (nothing stored under the id) or changed (other content"
                + " is stored under the id now; kept)") Status status) {

    public enum Status {
        @JsonProperty("deleted") DELETED,
        @JsonProperty("absent") ABSENT,
        @JsonProperty("changed") CHANGED;

        /** The wire name (lower case), also used by the generated schema. */
        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
