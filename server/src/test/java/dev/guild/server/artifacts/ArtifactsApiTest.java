package dev.guild.server.artifacts;

import dev.guild.server.ApiClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.server.embedded.GuildServices;
import dev.guild.tools.ToolEnvironment;
import dev.guild.tools.artifacts.Artifact;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/artifacts/{sha256}/{name}} serving what the tools stored in the platform's artifact store. */
@QuarkusTest
class ArtifactsApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Inject
    GuildServices services;

    @TestHTTPResource("/")
    URL base;

    Artifact put(String name, String contentType, byte[] content) throws Exception {
        return ToolEnvironment.builder(services.dataDir()).build().artifacts().put(name, contentType, content);
    }

    static String path(Artifact artifact) {
        return "api/artifacts/" + artifact.sha256() + "/" + artifact.name();
    }

    HttpResponse<byte[]> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.toURI().resolve(path))
                .header("Authorization", ApiClient.AUTHORIZATION).method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void an_image_is_served_inline_with_its_type_length_and_etag() throws Exception {
        byte[] png = new byte[5_000];
        new Random(7).nextBytes(png);
        Artifact artifact = put("chart.png", "image/png", png);

        HttpResponse<byte[]> response = send("GET", path(artifact));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(png);
        assertThat(response.headers().firstValue("content-type")).hasValue("image/png");
        assertThat(response.headers().firstValueAsLong("content-length")).hasValue(5_000);
        assertThat(response.headers().firstValue("etag")).hasValue("\"" + artifact.sha256() + "\"");
        assertThat(response.headers().firstValue("content-disposition")).hasValue("inline; filename=\"chart.png\"");
        assertThat(response.headers().firstValue("x-content-type-options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("content-security-policy").orElseThrow()).contains("sandbox").contains("default-src 'none'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/html; charset=utf-8", "image/svg+xml", "text/calendar; charset=utf-8"})
    void documents_that_could_run_script_are_downloads_in_a_sandbox(String contentType) throws Exception {
        byte[] page = ("<html><script>fetch('/api/runs/x')</script>" + contentType + "</html>").getBytes(StandardCharsets.UTF_8);
        Artifact artifact = put("page.html", contentType, page);

        HttpResponse<byte[]> response = send("GET", path(artifact));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(page);
        assertThat(response.headers().firstValue("content-type")).hasValue(contentType);
        assertThat(response.headers().firstValue("content-disposition")).hasValue("attachment; filename=\"page.html\"");
        assertThat(response.headers().firstValue("x-content-type-options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("content-security-policy").orElseThrow()).contains("sandbox");
    }

    @Test
    void head_answers_the_headers_without_the_body() throws Exception {
        Artifact artifact = put("deck.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                "not really a deck".getBytes(StandardCharsets.UTF_8));

        HttpResponse<byte[]> response = send("HEAD", path(artifact));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValueAsLong("content-length")).hasValue(17);
        assertThat(response.headers().firstValue("etag")).hasValue("\"" + artifact.sha256() + "\"");
        assertThat(response.headers().firstValue("content-disposition")).hasValue("attachment; filename=\"deck.pptx\"");
    }

    @Test
    void a_matching_if_none_match_answers_304_and_another_tag_the_content() throws Exception {
        Artifact artifact = put("invite.ics", "text/calendar; charset=utf-8", "BEGIN:VCALENDAR\r\n".getBytes(StandardCharsets.UTF_8));
        String etag = "\"" + artifact.sha256() + "\"";

        HttpResponse<byte[]> cached = send("GET", path(artifact), "If-None-Match", "\"other\", " + etag);
        HttpResponse<byte[]> weak = send("GET", path(artifact), "If-None-Match", "W/" + etag);
        HttpResponse<byte[]> stale = send("GET", path(artifact), "If-None-Match", "\"" + "0".repeat(64) + "\"");

        assertThat(cached.statusCode()).isEqualTo(304);
        assertThat(cached.body()).isEmpty();
        assertThat(cached.headers().firstValue("etag")).hasValue(etag);
        assertThat(weak.statusCode()).isEqualTo(304);
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(new String(stale.body(), StandardCharsets.UTF_8)).isEqualTo("BEGIN:VCALENDAR\r\n");
    }

    @Test
    void an_unknown_artifact_is_404_with_the_uri() throws Exception {
        Artifact stored = put("known.txt", "text/plain", "known".getBytes(StandardCharsets.UTF_8));
        String unknownSha = "ab".repeat(32);

        HttpResponse<byte[]> unknown = send("GET", "api/artifacts/" + unknownSha + "/missing.txt");
        HttpResponse<byte[]> otherName = send("GET", "api/artifacts/" + stored.sha256() + "/other.txt");

        assertThat(unknown.statusCode()).isEqualTo(404);
        JsonNode error = JSON.readTree(unknown.body());
        assertThat(error.get("error").asText()).isEqualTo("unknown_artifact");
        assertThat(error.get("message").asText()).contains("artifact://" + unknownSha + "/missing.txt");
        assertThat(otherName.statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABAB/x.txt",   // upper-case hex
            "abab/x.txt",                                                                 // too short
            "abababababababababababababababababababababababababababababababab/..%2F..%2Fetc%2Fpasswd",
            "abababababababababababababababababababababababababababababababab/.hidden",
            "abababababababababababababababababababababababababababababababab/a%5Cb.txt",
            "abababababababababababababababababababababababababababababababab/a%00.txt"})
    void malformed_hashes_and_names_are_400_with_the_fix(String tail) throws Exception {
        HttpResponse<byte[]> response = send("GET", "api/artifacts/" + tail);

        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("error").asText()).isEqualTo("bad_artifact_path");
        assertThat(error.get("message").asText()).contains("is not an artifact URI");
        assertThat(error.get("fix").asText()).contains("/api/artifacts/<sha256>/<name>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%2E%2E", "..", "%2E%2E/%2E%2E/%2E%2E/etc/passwd", "../../../etc/passwd"})
    void dot_segments_are_resolved_before_routing_and_reach_nothing(String name) throws Exception {
        Artifact stored = put("secret.txt", "text/plain", "secret".getBytes(StandardCharsets.UTF_8));

        HttpResponse<byte[]> response = send("GET", "api/artifacts/" + stored.sha256() + "/" + name);

        assertThat(response.statusCode()).isIn(400, 404);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("secret").doesNotContain("root:");
    }
}
