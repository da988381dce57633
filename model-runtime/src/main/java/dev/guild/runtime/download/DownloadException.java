package dev.guild.runtime.download;

/**
 * A model could not be obtained: the message says which URL or file, what went wrong and what to do.
 * {@link #retryable()} is true for transient failures (connection lost, server errors) that a later
 * attempt may get past; a partial download is then kept to resume from.
 */
public final class DownloadException extends RuntimeException {
    private final boolean retryable;

    public DownloadException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public DownloadException(String message, boolean retryable) {
        this(message, retryable, null);
    }

    public boolean retryable() {
        return retryable;
    }
}
