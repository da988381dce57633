package dev.guild.tools.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.guild.tools.ToolCall;
import dev.guild.tools.ToolParam;
import dev.guild.tools.ToolResult;
import dev.guild.tools.ToolUnavailableException;
import dev.guild.tools.TypedTool;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code http_request}: one HTTP request to a public address. Refuses non-HTTP schemes and internal addresses
 * (checked after DNS resolution and again on every redirect, see {@link AddressPolicy}), caps the response body,
 * times out slow servers, and sends the idempotency key as {@code Idempotency-Key} on methods other than GET and
 * HEAD. Timeouts and refused connections are retryable faults; everything else is an error result.
 *
 * <p>Known limit: the address is checked before the client connects, so a DNS answer that changes between the check
 * and the connection (DNS rebinding) is not caught; put an egress proxy in front where that matters.
 */
public final class HttpRequestTool extends TypedTool<HttpRequestTool.Input, HttpRequestTool.Output> {

    /**
     * @param allowedHosts     host names or literal addresses reachable even though internal; default none
     * @param timeout          limit for the whole exchange of one request; default 20 s
     * @param maxResponseBytes longest response body kept; the rest is cut and {@code truncated} set; default 256 KiB
     * @param maxRedirects     redirects followed; default 5
     */
    public record Settings(Set<String> allowedHosts, Duration timeout, int maxResponseBytes, int maxRedirects) {
        public static final Settings DEFAULTS = new Settings(Set.of(), Duration.ofSeconds(20), 256 * 1024, 5);

        public Settings {
            allowedHosts = Set.copyOf(allowedHosts);
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive; got " + timeout);
            }
            if (maxResponseBytes < 1) {
                throw new IllegalArgumentException("maxResponseBytes must be at least 1; got " + maxResponseBytes);
            }
            if (maxRedirects < 0) {
                throw new IllegalArgumentException("maxRedirects must be 0 or more; got " + maxRedirects);
            }
        }
    }

    public enum Method { GET, HEAD, POST, PUT, PATCH, DELETE }

    public record Input(
            @JsonProperty("method") @ToolParam("HTTP method") Method method,
            @JsonProperty("url") @ToolParam(value = "absolute http:// or https:// URL of a public host", minLength = 8, maxLength = 2048)
            String url,
            @JsonProperty("headers") @ToolParam(value = "request headers, e.g. {\"Accept\": \"application/json\"}", required = false)
            Map<String, String> headers,
            @JsonProperty("body") @ToolParam(value = "request body (text), for POST, PUT and PATCH", required = false, maxLength = 262_144)
            String body) {
    }

    public record Output(
            @JsonProperty("status") @ToolParam("HTTP status code") int status,
            @JsonProperty("contentType") @ToolParam(value = "Content-Type of the response", required = false) String contentType,
            @JsonProperty("body") @ToolParam("response body as text (UTF-8), possibly cut") String body,
            @JsonProperty("truncated") @ToolParam("true when the body was longer than the limit and was cut") boolean truncated,
            @JsonProperty("url") @ToolParam("the URL that answered, after redirects") String url) {
    }

    private static final Set<String> FORBIDDEN_HEADERS =
            Set.of("host", "connection", "content-length", "expect", "upgrade", "transfer-encoding", "te", "trailer");

    private final Settings settings;
    private final AddressPolicy policy;
    private final HttpClient client;

    /** With {@link Settings#DEFAULTS}; the constructor {@link java.util.ServiceLoader} uses. */
    public HttpRequestTool() {
        this(Settings.DEFAULTS);
    }

    public HttpRequestTool(Settings settings) {
        super("http_request",
                "Sends one HTTP request (GET, HEAD, POST, PUT, PATCH, DELETE) to a public web address and returns"
                        + " {status, contentType, body, truncated, url}. Use it to read a web page or call a public"
                        + " JSON API. Internal and private addresses are refused. Long bodies are cut.",
                Input.class, Output.class, true);
        this.settings = settings;
        this.policy = new AddressPolicy(settings.allowedHosts());
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.timeout())
                .build();
    }

    @Override
    protected ToolResult run(Input input, ToolCall call) {
        URI uri;
        try {
            uri = new URI(input.url());
        } catch (URISyntaxException e) {
            return ToolResult.error("url is not a valid URI: " + e.getMessage() + "; send an absolute http(s) URL");
        }
        Map<String, String> headers = input.headers() == null ? Map.of() : input.headers();
        for (String name : headers.keySet()) {
            if (FORBIDDEN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                return ToolResult.error("header '" + name + "' is set by the client and cannot be sent; remove it");
            }
        }
        if (input.body() != null && (input.method() == Method.GET || input.method() == Method.HEAD)) {
            return ToolResult.error("a " + input.method() + " request has no body; remove 'body' or use POST");
        }
        for (int redirects = 0; ; redirects++) {
            String refusal = policy.refusal(uri);
            if (refusal != null) {
                return ToolResult.error(refusal);
            }
            HttpResponse<InputStream> response = send(uri, input, headers, call.idempotencyKey());
            int status = response.statusCode();
            if (status >= 300 && status < 400 && status != 304 && response.headers().firstValue("location").isPresent()) {
                close(response);
                if (redirects >= settings.maxRedirects()) {
                    return ToolResult.error("more than " + settings.maxRedirects() + " redirects, last to "
                            + response.headers().firstValue("location").get() + "; request the final URL directly");
                }
                try {
                    uri = uri.resolve(new URI(response.headers().firstValue("location").get()));
                } catch (URISyntaxException e) {
                    return ToolResult.error("the server redirected to an invalid URL: " + e.getMessage());
                }
                continue;
            }
            return read(response, uri);
        }
    }

    private HttpResponse<InputStream> send(URI uri, Input input, Map<String, String> headers, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.timeout());
        headers.forEach(request::header);
        if (input.method() != Method.GET && input.method() != Method.HEAD) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        HttpRequest.BodyPublisher body = input.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(input.body(), StandardCharsets.UTF_8);
        request.method(input.method().name(), body);
        try {
            return HttpExchanges.send(client, request.build(), HttpResponse.BodyHandlers.ofInputStream(), uri.getHost());
        } catch (HttpTimeoutException e) {
            throw new ToolUnavailableException("no answer from " + uri.getHost() + " within " + settings.timeout(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("request to " + uri + " rejected by the HTTP client: " + e.getMessage(), e);
        }
    }

    private ToolResult read(HttpResponse<InputStream> response, URI uri) {
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(settings.maxResponseBytes());
            boolean truncated = in.read() != -1;
            String contentType = response.headers().firstValue("content-type").orElse(null);
            return ok(new Output(response.statusCode(), contentType, new String(bytes, StandardCharsets.UTF_8), truncated,
                    uri.toString()));
        } catch (HttpTimeoutException e) {
            throw new ToolUnavailableException("the body from " + uri.getHost() + " did not arrive within " + settings.timeout(), e);
        } catch (IOException e) {
            throw new ToolUnavailableException("reading the body from " + uri.getHost() + " failed: " + e.getMessage(), e);
        }
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // the redirect's body is not needed
        }
    }
}
