package dev.guild.workflows.ports;

import java.util.Objects;

/**
 * One message of an agent's transcript.
 *
 * @param position 0-based index in the transcript
 * @param writeKey the activity that wrote it ({@code <workflowId>/<activityId>}); a retried write carries the same key
 * @param message  the LangChain4j chat message as JSON ({@code ChatMessageSerializer} format)
 * @param metadata JSON text about how the message came to be (e.g. token usage of a model reply); may be null
 */
public record TranscriptEntry(int position, String writeKey, String message, String metadata) {
    public TranscriptEntry {
        if (position < 0) {
            throw new IllegalArgumentException("transcript position must be 0 or more; got " + position);
        }
        Objects.requireNonNull(writeKey, "writeKey");
        Objects.requireNonNull(message, "message");
    }
}
