package dev.guild.tools.research.internal;

import dev.guild.tools.ToolUnavailableException;
import dev.guild.tools.http.AddressPolicy;
import dev.guild.tools.http.HttpExchanges;
import dev.guild.tools.research.ResearchSettings;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * GETs a document from the web for {@code fetch_url} and {@code ingest_document}, refusing what could reach inside the
 * network or exhaust the worker: every URL, the first and each redirect's (followed here, at most
 * {@code maxRedirects}), must pass {@link AddressPolicy} (http(s) only, no credentials, no internal address after DNS
 * resolution unless allowlisted); the whole fetch, redirects and body included, has one deadline; a body longer than
 * {@code maxBytes} is refused (by its Content-Length before reading, or while reading); a Content-Type that
 * {@link DocumentParser} cannot read is refused before the body is read.
 *
 * <p>Known limit, as for {@code http_request}: the address is checked before the client connects, so a DNS answer
 * that changes between the check and the connection (DNS rebinding) is not caught; an egress proxy catches it.
 */
public final class SafeFetcher {

    /** A fetched body. */
    public record Fetched(URI url, String contentType, byte[] body) {
    }

    private static final ExecutorService READERS = Executors.newVirtualThreadPerTaskExecutor();
    private static final String ACCEPT = String.join(", ", DocumentParser.SUPPORTED) + ";q=0.9, */*;q=0.1";

    private final ResearchSettings.FetchSettings settings;
    private final AddressPolicy policy;
    private final HttpClient client;

    public SafeFetcher(ResearchSettings.FetchSettings settings) {
        this.settings = settings;
        this.policy = new AddressPolicy(settings.allowedHosts());
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.timeout())
                .build();
    }

    /**
     * @throws FetchRefusedException    for a refused URL, redirect, size, type, status or deadline
     * @throws ToolUnavailableException for a connection that failed (a retry may work)
     */
    public Fetched fetch(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new FetchRefusedException("url is not a valid URI: " + e.getMessage() + "; send an absolute http(s) URL");
        }
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        for (int redirects = 0; ; redirects++) {
            String refusal = policy.refusal(uri);
            if (refusal != null) {
                throw new FetchRefusedException(redirects == 0 ? refusal : "redirect " + redirects + " to '" + uri + "' refused: " + refusal);
            }
            HttpResponse<InputStream> response = send(uri, remaining(deadline, uri));
            int status = response.statusCode();
            if (status >= 300 && status < 400 && response.headers().firstValue("location").isPresent()) {
                close(response);
                String location = response.headers().firstValue("location").get();
                if (redirects >= settings.maxRedirects()) {
                    throw new FetchRefusedException("more than " + settings.maxRedirects() + " redirects, the last from "
                            + uri + " to " + location + "; fetch the final URL directly or use another source");
                }
                try {
                    uri = uri.resolve(new URI(location.strip()));
                } catch (URISyntaxException e) {
                    throw new FetchRefusedException("the server at " + uri + " redirected to an invalid URL '" + location + "'");
                }
                continue;
            }
            return read(uri, response, deadline);
        }
    }

    private Fetched read(URI uri, HttpResponse<InputStream> response, long deadline) {
        int status = response.statusCode();
        if (status == 429 || status == 502 || status == 503 || status == 504) {
            close(response);
            throw new ToolUnavailableException("the server at " + uri + " answered HTTP " + status + " (busy or unavailable); try again later");
        }
        if (status < 200 || status >= 300) {
            close(response);
            throw new FetchRefusedException("the server answered HTTP " + status + " for " + uri
                    + "; check the URL or use another source");
        }
        String contentType = response.headers().firstValue("content-type").orElse(null);
        if (contentType != null && DocumentParser.supportedType(contentType) == null) {
            close(response);
            throw new FetchRefusedException("the document at " + uri + " is '" + contentType + "', which cannot be read as text;"
                    + " supported types: " + DocumentParser.SUPPORTED);
        }
        OptionalLong length = response.headers().firstValueAsLong("content-length");
        if (length.isPresent() && length.getAsLong() > settings.maxBytes()) {
            close(response);
            throw tooLarge(uri, "declares " + length.getAsLong() + " bytes");
        }
        InputStream in = response.body();
        CompletableFuture<byte[]> body = CompletableFuture.supplyAsync(() -> readLimited(in), READERS);
        try {
            byte[] bytes = body.get(remaining(deadline, uri).toNanos(), TimeUnit.NANOSECONDS);
            if (bytes.length > settings.maxBytes()) {
                throw tooLarge(uri, "sent more than " + settings.maxBytes() + " bytes");
            }
            return new Fetched(uri, contentType, bytes);
        } catch (TimeoutException e) {
            body.cancel(true);
            close(response);
            throw slow(uri);
        } catch (ExecutionException e) {
            throw new ToolUnavailableException("reading the body from " + uri.getHost() + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close(response);
            throw new ToolUnavailableException("interrupted while reading from " + uri.getHost(), e);
        }
    }

    /** Up to maxBytes + 1 bytes: one more than allowed tells that the body is too long. */
    private byte[] readLimited(InputStream in) {
        try (in) {
            return in.readNBytes(Math.toIntExact(Math.min(Integer.MAX_VALUE - 8, settings.maxBytes() + 1)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private HttpResponse<InputStream> send(URI uri, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", ACCEPT)
                .header("User-Agent", "Guild-fetch_url/1")
                .GET().build();
        try {
            return HttpExchanges.send(client, request, HttpResponse.BodyHandlers.ofInputStream(), uri.getHost());
        } catch (HttpTimeoutException e) {
            throw slow(uri);
        } catch (IllegalArgumentException e) {
            throw new FetchRefusedException("the URL '" + uri + "' cannot be requested: " + e.getMessage());
        }
    }

    private Duration remaining(long deadline, URI uri) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw slow(uri);
        }
        return Duration.ofNanos(left);
    }

    private FetchRefusedException slow(URI uri) {
        return new FetchRefusedException("no complete answer from " + uri + " within " + settings.timeout()
                + " (" + ResearchSettings.PREFIX + "fetch.timeout); the server is too slow, use another source");
    }

    private FetchRefusedException tooLarge(URI uri, String what) {
        return new FetchRefusedException("the document at " + uri + " " + what + ", more than the limit of "
                + settings.maxBytes() + " bytes (" + ResearchSettings.PREFIX + "fetch.max-bytes); use a smaller source");
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // the body is not needed
        }
    }
}
