package dev.guild.runtime.download;

/**
 * Where a download stands.
 *
 * @param uri        what is being downloaded
 * @param bytesDone  bytes on disk so far (including those resumed from an earlier attempt)
 * @param totalBytes the full size, or -1 when the server did not say
 */
public record DownloadProgress(String uri, long bytesDone, long totalBytes) {

    /** Percentage done (0 to 100), or -1 when the size is unknown. */
    public int percent() {
        return totalBytes <= 0 ? -1 : (int) Math.min(100, bytesDone * 100 / totalBytes);
    }

    /** Receives progress as bytes arrive (called on the downloading thread; keep it cheap). */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = p -> { };

        void onProgress(DownloadProgress progress);
    }
}
