package dev.guild.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** Plain HTTP calls to the API under test with the test profile's bearer token, and JSON helpers. Tests only. */
public final class ApiClient {
    public static final ObjectMapper JSON = new ObjectMapper();
    /** The API token of the test profile ({@code %test.guild.api.tokens} in application.properties). */
    public static final String TOKEN = "guild-test-token-7c1d5e0f9a2b4c6d8e0f1a2b3c4d5e6f";
    public static final String AUTHORIZATION = "Bearer " + TOKEN;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final URI base;

    public ApiClient(URI base) {
        this.base = base;
    }

    public HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", AUTHORIZATION).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs {@code body} with the given content type and extra headers (name, value, name, value, ...). */
    public HttpResponse<String> post(String path, String contentType, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", AUTHORIZATION)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String contentType, String body, String... headers) throws Exception {
        return post(path, contentType, body.getBytes(java.nio.charset.StandardCharsets.UTF_8), headers);
    }

    public static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    /** GETs {@code path} until the JSON answer satisfies {@code until} (20 s at most). */
    public JsonNode await(String path, Predicate<JsonNode> until) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = get(path);
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200 && until.test(json(response))) {
                return json(response);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("GET " + path + " did not reach the expected state in 20 s; last answer " + last);
    }
}
