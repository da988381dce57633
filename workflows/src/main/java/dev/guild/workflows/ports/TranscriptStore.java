package dev.guild.workflows.ports;

import java.util.List;

/**
 * Agent transcripts, kept out of Temporal history (the server stores them in PostgreSQL). Activities pass
 * references: run id, transcript id and message count.
 *
 * <p>Contract (checked by {@code TranscriptStoreContract} in this module's test jar):
 * <ul>
 *   <li>{@link #write} stores entries at their positions, atomically (all or none). Entries must be contiguous
 *       and the first must be at or before the current end (no gaps).</li>
 *   <li>Idempotent: an entry whose position already holds a message with the same {@code writeKey} is skipped,
 *       so a retried activity never duplicates or reorders messages.</li>
 *   <li>A position holding a message with another {@code writeKey} raises {@link TranscriptConflictException}.</li>
 *   <li>{@link #load} returns the entries in {@code [from, to)} in position order (fewer if the transcript is
 *       shorter).</li>
 * </ul>
 */
public interface TranscriptStore {

    void write(String runId, String transcriptId, List<TranscriptEntry> entries);

    List<TranscriptEntry> load(String runId, String transcriptId, int from, int to);
}
