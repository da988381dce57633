package dev.guild.workflows.ports;

/** A transcript position is already taken by a message written under another key: a bug, never retried. */
public class TranscriptConflictException extends RuntimeException {
    public TranscriptConflictException(String message) {
        super(message);
    }
}
