package dev.guild.tools.research.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.tools.ToolUnavailableException;
import dev.guild.tools.http.HttpExchanges;
import dev.guild.tools.research.WebResult;
import dev.guild.tools.research.WebSearchException;
import dev.guild.tools.research.WebSearchProvider;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Web search through a self-hosted SearXNG: {@code GET <base>/search?q=<query>&format=json[&language=..][&time_range=..]},
 * whose answer has {@code results: [{url, title, content, engine, ...}]}. The instance must allow the JSON format
 * ({@code search.formats: [html, json]} in its settings.yml; otherwise it answers 403). The base URL is operator
 * configuration, so no address policy applies to it; result URLs are only returned, never fetched here.
 */
public final class SearxngSearchProvider implements WebSearchProvider {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ANSWER_BYTES = 4 << 20;

    private final URI base;
    private final Duration timeout;
    private final HttpClient client;

    public SearxngSearchProvider(URI base, Duration timeout) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text : text + "/");
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Override
    public String name() {
        return "searxng";
    }

    @Override
    public List<WebResult> search(String query, int limit, String language, String timeRange) {
        StringBuilder path = new StringBuilder("search?q=").append(encode(query)).append("&format=json");
        if (language != null) {
            path.append("&language=").append(encode(language));
        }
        if (timeRange != null) {
            path.append("&time_range=").append(encode(timeRange));
        }
        URI uri = base.resolve(path.toString());
        HttpResponse<InputStream> response = send(uri);
        int status = response.statusCode();
        byte[] body = body(response);
        if (status == 403) {
            throw new WebSearchException("SearXNG at " + base + " refused the JSON format (HTTP 403); enable it in the"
                    + " instance's settings.yml with search.formats: [html, json]");
        }
        if (status == 429 || status >= 500) {
            throw new ToolUnavailableException("SearXNG at " + base + " answered HTTP " + status + "; try again later");
        }
        if (status != 200) {
            throw new WebSearchException("SearXNG at " + base + " answered HTTP " + status + " to " + uri
                    + "; check guild.tools.research.searxng-url");
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (IOException e) {
            throw new WebSearchException("SearXNG at " + base + " sent an answer that is not JSON (" + e.getMessage()
                    + "); check that guild.tools.research.searxng-url points at SearXNG itself");
        }
        if (answer == null || !answer.path("results").isArray()) {
            throw new WebSearchException("SearXNG at " + base + " sent JSON without a 'results' array; is it SearXNG?");
        }
        List<WebResult> results = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode hit : answer.get("results")) {
            String url = hit.path("url").asText("");
            if (!(url.startsWith("http://") || url.startsWith("https://")) || !seen.add(url)) {
                continue;
            }
            String title = hit.path("title").asText("").strip();
            results.add(WebResult.of(title.isEmpty() ? url : title, url, hit.path("content").asText("").strip(),
                    hit.hasNonNull("engine") ? hit.get("engine").asText() : null));
            if (results.size() == limit) {
                break;
            }
        }
        return results;
    }

    private HttpResponse<InputStream> send(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build();
        try {
            return HttpExchanges.send(client, request, HttpResponse.BodyHandlers.ofInputStream(), "SearXNG at " + base);
        } catch (HttpTimeoutException e) {
            throw new ToolUnavailableException("SearXNG at " + base + " did not answer within " + timeout, e);
        }
    }

    /** The answer's bytes, refusing one over {@link #MAX_ANSWER_BYTES}. */
    private byte[] body(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(MAX_ANSWER_BYTES + 1);
            if (bytes.length > MAX_ANSWER_BYTES) {
                throw new WebSearchException("SearXNG's answer is longer than " + MAX_ANSWER_BYTES + " bytes; lower the limit");
            }
            return bytes;
        } catch (HttpTimeoutException e) {
            throw new ToolUnavailableException("SearXNG at " + base + " did not send its answer within " + timeout, e);
        } catch (IOException e) {
            throw new ToolUnavailableException("reading SearXNG's answer failed: " + e.getMessage(), e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
