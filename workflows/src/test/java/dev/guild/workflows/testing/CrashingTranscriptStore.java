package dev.guild.workflows.testing;

import dev.guild.workflows.ports.TranscriptEntry;
import dev.guild.workflows.ports.TranscriptStore;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stores like {@link InMemoryTranscriptStore} but, once, throws right after a write that starts at a given position:
 * the activity's effect is stored and yet the activity fails, as when a worker dies at that moment. Tests only.
 */
public final class CrashingTranscriptStore implements TranscriptStore {

    private final InMemoryTranscriptStore store = new InMemoryTranscriptStore();
    private final int crashAfterWriteAt;
    private final AtomicBoolean crashed = new AtomicBoolean();

    public CrashingTranscriptStore(int crashAfterWriteAt) {
        this.crashAfterWriteAt = crashAfterWriteAt;
    }

    @Override
    public void write(String runId, String transcriptId, List<TranscriptEntry> entries) {
        store.write(runId, transcriptId, entries);
        if (entries.getFirst().position() == crashAfterWriteAt && crashed.compareAndSet(false, true)) {
            throw new IllegalStateException("simulated worker crash after the transcript write at " + crashAfterWriteAt);
        }
    }

    @Override
    public List<TranscriptEntry> load(String runId, String transcriptId, int from, int to) {
        return store.load(runId, transcriptId, from, to);
    }

    public boolean crashed() {
        return crashed.get();
    }
}
