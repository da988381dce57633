package dev.guild.runtime.download.internal;

import dev.guild.runtime.download.DownloadException;
import dev.guild.runtime.download.DownloadProgress;
import dev.guild.runtime.download.DownloadSettings;
import dev.guild.runtime.download.ExpectedFile;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads one URL into {@code <target>.part}, resuming with HTTP {@code Range} from what an earlier
 * attempt left, and verifies size and SHA-256 before handing the part file back. The caller moves it
 * into place; a file that fails verification is deleted and never returned.
 */
public final class HttpFileDownload {
    private static final System.Logger LOG = System.getLogger(HttpFileDownload.class.getName());
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes\\s+\\*/(\\d+)");
    private static final int BUFFER = 1 << 16;

    private final HttpClient client;
    private final DownloadSettings settings;

    public HttpFileDownload(HttpClient client, DownloadSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    /** Server facts gathered along the redirect chain of one request. */
    private record Answer(HttpResponse<InputStream> response, URI finalUri, Optional<String> linkedEtag,
                          OptionalLong linkedSize) {
    }

    /** What this download has verified so far, carried across attempts. */
    private static final class State {
        MessageDigest digest = newDigest();
        long hashed;
        /** Size of the file according to the current response (Content-Range or Content-Length), -1 if unknown. */
        long total = -1;
        /** Size the caller or the hub's X-Linked-Size announced, -1 if none: what the file must have. */
        long announced = -1;
        Optional<String> serverSha = Optional.empty();
        int lastLoggedBucket = -1;
    }

    /**
     * Downloads {@code uri} to {@code part}, retrying transient failures up to the configured attempts.
     *
     * @param authorization sent as {@code Authorization} to the first host only (not after a redirect elsewhere)
     * @return the SHA-256 (hex) of the verified part file
     */
    public String download(URI uri, Path part, ExpectedFile expected, Optional<String> authorization,
                         DownloadProgress.Listener listener) {
        State state = new State();
        DownloadException last = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            try {
                attempt(uri, part, expected, authorization, listener, state);
                return verify(uri, part, expected, state);
            } catch (DownloadException e) {
                if (!e.retryable()) {
                    throw e;
                }
                last = e;
            } catch (IOException e) {
                last = new DownloadException("download of " + uri + " interrupted: " + e, true, e);
            }
            LOG.log(System.Logger.Level.WARNING, "attempt {0} of {1} failed: {2}", attempt, settings.maxAttempts(),
                    last.getMessage());
            if (attempt < settings.maxAttempts()) {
                pause(attempt);
            }
        }
        throw new DownloadException(last.getMessage() + " (after " + settings.maxAttempts() + " attempts; "
                + sizeOf(part) + " bytes kept in " + part + ", run again to resume)", true, last);
    }

    private void attempt(URI uri, Path part, ExpectedFile expected, Optional<String> authorization,
                         DownloadProgress.Listener listener, State state) throws IOException {
        long have = sizeOf(part);
        Answer answer = send(uri, have, authorization);
        HttpResponse<InputStream> response = answer.response();
        answer.linkedEtag().or(() -> strongSha(response.headers().firstValue("ETag")))
                .ifPresent(sha -> state.serverSha = Optional.of(sha));
        int status = response.statusCode();
        long offset;
        switch (status) {
            case 206 -> {
                Matcher m = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
                if (!m.matches() || Long.parseLong(m.group(1)) != have) {
                    discard(response);
                    Files.deleteIfExists(part);
                    throw new DownloadException(answer.finalUri() + " answered range request 'bytes=" + have
                            + "-' with Content-Range '" + response.headers().firstValue("Content-Range").orElse("")
                            + "'; restarting from zero", true);
                }
                offset = have;
                if (!m.group(3).equals("*")) {
                    state.total = Long.parseLong(m.group(3));
                }
            }
            case 200 -> {
                if (have > 0) {
                    LOG.log(System.Logger.Level.INFO, "{0} ignored the range request; downloading from the start",
                            answer.finalUri());
                }
                offset = 0;
                state.total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            }
            case 416 -> {
                discard(response);
                Matcher m = UNSATISFIED_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
                long total = m.matches() ? Long.parseLong(m.group(1)) : answer.linkedSize().orElse(-1);
                if (total >= 0 && total == have) {
                    state.total = total;
                    answer.linkedSize().ifPresent(size -> state.announced = size);
                    hashExisting(part, have, state);
                    return; // the part file already holds the whole file as served; verification decides
                }
                Files.deleteIfExists(part);
                throw new DownloadException(answer.finalUri() + " cannot serve bytes from " + have
                        + " (416, file has " + total + " bytes); the partial file was discarded, restarting", true);
            }
            default -> {
                discard(response);
                throw statusError(uri, answer.finalUri(), status);
            }
        }
        answer.linkedSize().ifPresent(size -> state.announced = size);
        expected.size().ifPresent(size -> state.announced = size);
        if (offset == 0) {
            state.digest = newDigest();
            state.hashed = 0;
        } else {
            hashExisting(part, offset, state);
        }
        receive(response, part, offset, uri, listener, state);
    }

    private void receive(HttpResponse<InputStream> response, Path part, long offset, URI uri,
                         DownloadProgress.Listener listener, State state) throws IOException {
        Files.createDirectories(part.toAbsolutePath().getParent());
        try (InputStream in = response.body();
             FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            out.truncate(offset);
            out.position(offset);
            byte[] buffer = new byte[BUFFER];
            long done = offset;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
                state.digest.update(buffer, 0, n);
                done += n;
                state.hashed = done;
                report(uri, done, state, listener);
            }
            if (state.total >= 0 && done < state.total) {
                throw new DownloadException("connection to " + uri + " ended after " + done + " of " + state.total
                        + " bytes", true);
            }
        }
    }

    private String verify(URI uri, Path part, ExpectedFile expected, State state) throws IOException {
        long size = sizeOf(part);
        long wanted = expected.size().orElse(state.announced >= 0 ? state.announced : state.total);
        if (wanted >= 0 && size != wanted) {
            Files.deleteIfExists(part);
            throw new DownloadException("download of " + uri + " has " + size + " bytes but " + wanted
                    + " were expected (truncated or wrong file); it was deleted and not loaded."
                    + " Check the expected size or the server, then retry", false);
        }
        String actual = HexFormat.of().formatHex(state.digest.digest());
        Optional<String> wantedSha = expected.sha256().or(() -> state.serverSha);
        if (wantedSha.isPresent() && !wantedSha.get().equals(actual)) {
            Files.deleteIfExists(part);
            throw new DownloadException("checksum mismatch for " + uri + ": SHA-256 is " + actual + " but "
                    + wantedSha.get() + " was expected (" + (expected.sha256().isPresent() ? "given by the caller"
                    : "announced by the server") + "); the corrupt file was deleted and not loaded. Retry the download,"
                    + " or correct the expected checksum", false);
        }
        return actual;
    }

    private Answer send(URI start, long have, Optional<String> authorization) throws IOException {
        URI current = start;
        Optional<String> linkedEtag = Optional.empty();
        OptionalLong linkedSize = OptionalLong.empty();
        for (int hop = 0; ; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(current).GET().timeout(settings.readTimeout())
                    .header("User-Agent", "guild-model-runtime");
            if (have > 0) {
                request.header("Range", "bytes=" + have + "-");
            }
            if (authorization.isPresent() && sameHost(start, current)) {
                request.header("Authorization", authorization.get());
            }
            HttpResponse<InputStream> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DownloadException("download of " + start + " was interrupted", false, e);
            }
            Optional<String> etag = strongSha(response.headers().firstValue("X-Linked-ETag"));
            linkedEtag = etag.isPresent() ? etag : linkedEtag;
            OptionalLong size = response.headers().firstValueAsLong("X-Linked-Size");
            linkedSize = size.isPresent() ? size : linkedSize;
            int status = response.statusCode();
            if (status < 300 || status >= 400 || status == 304) {
                return new Answer(response, current, linkedEtag, linkedSize);
            }
            discard(response);
            Optional<String> location = response.headers().firstValue("Location");
            if (location.isEmpty()) {
                throw new DownloadException(current + " answered " + status + " without a Location header", false);
            }
            if (hop >= settings.maxRedirects()) {
                throw new DownloadException("too many redirects (more than " + settings.maxRedirects() + ") from "
                        + start + ", last to " + location.get() + "; raise maxRedirects or use the final URL", false);
            }
            current = current.resolve(location.get());
        }
    }

    private static DownloadException statusError(URI uri, URI finalUri, int status) {
        String where = uri.equals(finalUri) ? uri.toString() : uri + " (redirected to " + finalUri + ")";
        return switch (status) {
            case 404 -> new DownloadException("not found (404): " + where
                    + "; check the repository, file name and revision (or the URL)", false);
            case 401, 403 -> new DownloadException("access denied (" + status + "): " + where
                    + "; the repository may be gated or private: accept its licence and configure a hub token", false);
            case 429, 500, 502, 503, 504 -> new DownloadException("server error " + status + " from " + where, true);
            default -> new DownloadException("unexpected HTTP status " + status + " from " + where, false);
        };
    }

    private void report(URI uri, long done, State state, DownloadProgress.Listener listener) {
        DownloadProgress progress = new DownloadProgress(uri.toString(), done,
                state.announced >= 0 ? state.announced : state.total);
        listener.onProgress(progress);
        int step = settings.logEveryPercent();
        if (step > 0 && progress.percent() >= 0) {
            int bucket = progress.percent() / step;
            if (bucket != state.lastLoggedBucket) {
                state.lastLoggedBucket = bucket;
                LOG.log(System.Logger.Level.INFO, "downloading {0}: {1}% ({2} of {3} bytes)", uri, progress.percent(),
                        done, progress.totalBytes());
            }
        }
    }

    private static void hashExisting(Path part, long length, State state) throws IOException {
        if (state.hashed == length) {
            return;
        }
        state.digest = newDigest();
        try (InputStream in = Files.newInputStream(part)) {
            byte[] buffer = new byte[BUFFER];
            long left = length;
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                state.digest.update(buffer, 0, n);
                left -= n;
            }
        }
        state.hashed = length;
    }

    private static Optional<String> strongSha(Optional<String> etag) {
        return etag.map(e -> e.strip().replaceFirst("^W/", "").replace("\"", "").toLowerCase(Locale.ROOT))
                .filter(ExpectedFile::isSha256);
    }

    private static boolean sameHost(URI a, URI b) {
        return a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort();
    }

    private static long sizeOf(Path part) {
        try {
            return Files.exists(part) ? Files.size(part) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void discard(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException ignored) {
            // the body is not needed
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(2000, 100L << Math.min(attempt - 1, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
