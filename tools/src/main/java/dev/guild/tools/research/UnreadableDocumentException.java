package dev.guild.tools.research;

/** A document that cannot be ingested or read: unsupported format, corrupt file, no text. Not retryable. */
public class UnreadableDocumentException extends RuntimeException {
    public UnreadableDocumentException(String message) {
        super(message);
    }

    public UnreadableDocumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
