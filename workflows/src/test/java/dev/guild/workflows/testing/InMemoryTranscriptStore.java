package dev.guild.workflows.testing;

import dev.guild.workflows.ports.TranscriptConflictException;
import dev.guild.workflows.ports.TranscriptEntry;
import dev.guild.workflows.ports.TranscriptStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A {@link TranscriptStore} in memory, for tests; it passes {@code TranscriptStoreContract}. */
public final class InMemoryTranscriptStore implements TranscriptStore {

    private final Map<String, List<TranscriptEntry>> transcripts = new HashMap<>();

    @Override
    public synchronized void write(String runId, String transcriptId, List<TranscriptEntry> entries) {
        List<TranscriptEntry> transcript = transcripts.computeIfAbsent(runId + "\u0000" + transcriptId, k -> new ArrayList<>());
        for (int i = 0; i < entries.size(); i++) {
            TranscriptEntry entry = entries.get(i);
            if (i > 0 && entry.position() != entries.get(i - 1).position() + 1) {
                throw new IllegalArgumentException("entries must have contiguous positions; got " + entries.get(i - 1).position()
                        + " then " + entry.position());
            }
        }
        if (!entries.isEmpty() && entries.getFirst().position() > transcript.size()) {
            throw new IllegalArgumentException("first position " + entries.getFirst().position()
                    + " leaves a gap after the transcript's end " + transcript.size());
        }
        for (TranscriptEntry entry : entries) {
            if (entry.position() < transcript.size()) {
                TranscriptEntry existing = transcript.get(entry.position());
                if (!existing.writeKey().equals(entry.writeKey())) {
                    throw new TranscriptConflictException("position " + entry.position() + " of transcript " + transcriptId
                            + " was written by " + existing.writeKey() + ", not " + entry.writeKey());
                }
            }
        }
        for (TranscriptEntry entry : entries) {
            if (entry.position() == transcript.size()) {
                transcript.add(entry);
            }
        }
    }

    @Override
    public synchronized List<TranscriptEntry> load(String runId, String transcriptId, int from, int to) {
        List<TranscriptEntry> transcript = transcripts.getOrDefault(runId + "\u0000" + transcriptId, List.of());
        int end = Math.min(to, transcript.size());
        return from >= end ? List.of() : List.copyOf(transcript.subList(from, end));
    }
}
