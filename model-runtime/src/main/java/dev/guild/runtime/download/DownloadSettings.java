package dev.guild.runtime.download;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How models are fetched and cached.
 *
 * @param modelsDir         cache directory, normally {@code <data dir>/models}; downloads land in
 *                          {@code huggingface/<org>/<repo>/<revision>/<file>} or {@code urls/<host>/<file>} below it
 * @param hubEndpoint       base URL of the Hugging Face hub (or a mirror of it); files resolve to
 *                          {@code <hubEndpoint>/<org>/<repo>/resolve/<revision>/<file>}
 * @param hubToken          bearer token sent to the hub endpoint for gated repositories (empty: none)
 * @param connectTimeout    TCP connect timeout (default 20 s)
 * @param readTimeout       longest wait for response headers (default 60 s)
 * @param maxRedirects      redirects followed per request before giving up (default 5)
 * @param maxAttempts       attempts per download; each resumes where the last one stopped (default 4)
 * @param logEveryPercent   a progress log line every this many percent (default 10; 0 turns it off)
 */
public record DownloadSettings(Path modelsDir, URI hubEndpoint, Optional<String> hubToken, Duration connectTimeout,
                               Duration readTimeout, int maxRedirects, int maxAttempts, int logEveryPercent) {

    /** The public hub; overridden by the {@code hubEndpoint} setting (for a mirror or a local server). */
    public static final URI DEFAULT_HUB_ENDPOINT = URI.create("https://huggingface.co");

    public DownloadSettings {
        Objects.requireNonNull(modelsDir, "modelsDir");
        Objects.requireNonNull(hubEndpoint, "hubEndpoint");
        Objects.requireNonNull(hubToken, "hubToken");
        if (maxRedirects < 0 || maxRedirects > 20) {
            throw new IllegalArgumentException("maxRedirects " + maxRedirects + " must be between 0 and 20");
        }
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("maxAttempts " + maxAttempts + " must be between 1 and 100");
        }
        if (logEveryPercent < 0 || logEveryPercent > 100) {
            throw new IllegalArgumentException("logEveryPercent " + logEveryPercent + " must be between 0 and 100");
        }
    }

    /** Defaults for everything but the cache directory. */
    public static DownloadSettings defaults(Path modelsDir) {
        return new DownloadSettings(modelsDir, DEFAULT_HUB_ENDPOINT, Optional.empty(), Duration.ofSeconds(20),
                Duration.ofSeconds(60), 5, 4, 10);
    }

    public DownloadSettings withHubEndpoint(URI endpoint) {
        return new DownloadSettings(modelsDir, endpoint, hubToken, connectTimeout, readTimeout, maxRedirects, maxAttempts,
                logEveryPercent);
    }

    public DownloadSettings withMaxAttempts(int attempts) {
        return new DownloadSettings(modelsDir, hubEndpoint, hubToken, connectTimeout, readTimeout, maxRedirects, attempts,
                logEveryPercent);
    }

    public DownloadSettings withMaxRedirects(int redirects) {
        return new DownloadSettings(modelsDir, hubEndpoint, hubToken, connectTimeout, readTimeout, redirects, maxAttempts,
                logEveryPercent);
    }
}
