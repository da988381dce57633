package dev.guild.tools.research;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.tools.Tool;
import dev.guild.tools.ToolCall;
import dev.guild.tools.ToolResult;
import dev.guild.tools.ToolUnavailableException;
import dev.guild.tools.artifacts.ArtifactStore;
import dev.guild.tools.research.internal.ResearchToolFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code fetch_url} against a local server, reachable only because these tests allowlist 127.0.0.1; each SSRF and
 * resource refusal has its test. The knowledge base is never opened here.
 */
class FetchUrlToolTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAGE = CorpusFiles.resource("research/corpus/coral-reefs.html");

    @TempDir
    static Path dataDir;

    private static LocalWebServer server;
    private static ArtifactStore artifacts;

    @BeforeAll
    static void start() {
        artifacts = ArtifactStore.files(dataDir.resolve("artifacts"), 1 << 20, Clock.systemUTC());
        server = new LocalWebServer()
                .on("/coral", ex -> LocalWebServer.send(ex, 200, "text/html; charset=utf-8", PAGE))
                .on("/to-coral", ex -> LocalWebServer.redirect(ex, "/coral"))
                .on("/policy.pdf", ex -> LocalWebServer.send(ex, 200, "application/pdf",
                        CorpusFiles.pdf(CorpusFiles.resource("research/corpus/travel-policy.pdf.txt"))))
                .on("/to-private", ex -> LocalWebServer.redirect(ex, "http://10.1.2.3/admin"))
                .on("/to-metadata", ex -> LocalWebServer.redirect(ex, "http://169.254.169.254/latest/meta-data/"))
                .on("/to-file", ex -> LocalWebServer.redirect(ex, "file:///etc/passwd"))
                .on("/loop", ex -> LocalWebServer.redirect(ex, "/loop"))
                .on("/big", ex -> LocalWebServer.send(ex, 200, "text/plain", "a".repeat(5_000)))
                .on("/big-chunked", ex -> {
                    ex.getResponseHeaders().add("Content-Type", "text/plain");
                    ex.sendResponseHeaders(200, 0);
                    try (OutputStream out = ex.getResponseBody()) {
                        for (int i = 0; i < 50; i++) {
                            out.write("b".repeat(200).getBytes());
                        }
                    }
                })
                .on("/slow-headers", ex -> {
                    sleep(3_000);
                    LocalWebServer.send(ex, 200, "text/plain", "late");
                })
                .on("/slow-body", ex -> {
                    ex.getResponseHeaders().add("Content-Type", "text/plain");
                    ex.sendResponseHeaders(200, 0);
                    OutputStream out = ex.getResponseBody();
                    out.write("first part ".getBytes());
                    out.flush();
                    sleep(3_000);
                    out.write("too late".getBytes());
                    out.close();
                })
                .on("/image", ex -> LocalWebServer.send(ex, 200, "image/png", new byte[]{(byte) 0x89, 'P', 'N', 'G'}))
                .on("/binary", ex -> LocalWebServer.send(ex, 200, "application/octet-stream", new byte[]{1, 2, 3}))
                .on("/missing", ex -> LocalWebServer.send(ex, 404, "text/plain", "no such page"))
                .on("/busy", ex -> LocalWebServer.send(ex, 503, "text/plain", "try later"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** fetch_url with these fetch settings; 127.0.0.1 allowed unless {@code allowed} is empty. */
    private static Tool fetchUrl(Set<String> allowed, Duration timeout, long maxBytes, int maxTextChars) {
        ResearchSettings d = ResearchSettings.defaults(dataDir);
        ResearchSettings settings = d.withFetch(new ResearchSettings.FetchSettings(allowed, timeout, maxBytes, 3, maxTextChars));
        return ResearchToolFactory.tools(settings, () -> {
            throw new AssertionError("fetch_url must not open the knowledge base");
        }, artifacts, null).stream().filter(t -> t.name().equals("fetch_url")).findFirst().orElseThrow();
    }

    private static Tool allowingLoopback() {
        return fetchUrl(Set.of("127.0.0.1"), Duration.ofSeconds(5), 4_000, 20_000);
    }

    private static ToolResult fetch(Tool tool, String url) {
        return tool.invoke(new ToolCall("fetch_url", "run-1/act-1", JSON.createObjectNode().put("url", url)));
    }

    @Test
    void a_page_is_read_as_text_without_navigation_after_redirects_and_kept_as_an_artifact() throws IOException {
        ToolResult result = fetch(allowingLoopback(), server.url("/to-coral"));

        assertThat(result.ok()).as(String.valueOf(result.error())).isTrue();
        JsonNode out = result.output();
        assertThat(out.get("url").asText()).isEqualTo(server.url("/coral"));
        assertThat(out.get("title").asText()).isEqualTo("Coral reefs and bleaching");
        assertThat(out.get("contentType").asText()).isEqualTo("text/html");
        assertThat(out.get("text").asText()).contains("zooxanthellae").doesNotContain("Shop our espresso").doesNotContain("<p>");
        assertThat(out.get("truncated").asBoolean()).isFalse();
        assertThat(out.get("citation").get("id").asText()).isEqualTo("url:" + server.url("/coral"));
        String artifactUri = out.get("artifactUri").asText();
        try (InputStream in = artifacts.open(artifactUri)) {
            assertThat(new String(in.readAllBytes())).isEqualTo(PAGE);
        }
        assertThat(artifacts.get(artifactUri).orElseThrow().contentType()).startsWith("text/html");
    }

    @Test
    void a_pdf_is_read_and_long_text_is_cut() {
        ToolResult result = fetch(fetchUrl(Set.of("127.0.0.1"), Duration.ofSeconds(5), 1 << 20, 150), server.url("/policy.pdf"));

        assertThat(result.ok()).as(String.valueOf(result.error())).isTrue();
        assertThat(result.output().get("contentType").asText()).isEqualTo("application/pdf");
        assertThat(result.output().get("text").asText()).hasSize(150).startsWith("Business travel policy");
        assertThat(result.output().get("truncated").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/", "http://localhost:8080/", "http://10.0.0.8/", "http://192.168.1.1/",
            "http://172.16.0.1/", "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/", "http://[::1]/",
            "http://[fd00::1]/", "http://100.64.0.1/", "http://0.0.0.0/", "http://[::ffff:127.0.0.1]/"})
    void internal_addresses_are_refused_by_default(String url) {
        ToolResult result = fetch(fetchUrl(Set.of(), Duration.ofSeconds(5), 4_000, 20_000), url);

        assertThat(result.ok()).isFalse();
        assertThat(result.error()).contains("resolves to").contains("refused");
    }

    @Test
    void the_local_server_itself_is_refused_without_the_allowlist() {
        ToolResult result = fetch(fetchUrl(Set.of(), Duration.ofSeconds(5), 4_000, 20_000), server.url("/coral"));

        assertThat(result.error()).contains("127.0.0.1, a loopback address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://example.org/file.txt", "gopher://example.org/", "jar:file:/x.jar!/a"})
    void non_http_schemes_are_refused(String url) {
        assertThat(fetch(allowingLoopback(), url).error()).contains("only http and https");
    }

    @Test
    void credentials_in_the_url_are_refused() {
        assertThat(fetch(allowingLoopback(), "http://user:secret@127.0.0.1/").error()).contains("credentials");
    }

    @Test
    void redirects_to_internal_addresses_or_other_schemes_are_refused() {
        assertThat(fetch(allowingLoopback(), server.url("/to-private")).error())
                .contains("redirect 1 to 'http://10.1.2.3/admin' refused").contains("private");
        assertThat(fetch(allowingLoopback(), server.url("/to-metadata")).error())
                .contains("169.254.169.254").contains("link-local");
        assertThat(fetch(allowingLoopback(), server.url("/to-file")).error())
                .contains("redirect 1").contains("only http and https");
    }

    @Test
    void redirect_loops_stop_at_the_limit() {
        assertThat(fetch(allowingLoopback(), server.url("/loop")).error()).contains("more than 3 redirects");
    }

    @Test
    void bodies_over_the_size_limit_are_refused_whether_declared_or_streamed() {
        assertThat(fetch(allowingLoopback(), server.url("/big")).error())
                .contains("declares 5000 bytes").contains("limit of 4000 bytes").contains("fetch.max-bytes");
        assertThat(fetch(allowingLoopback(), server.url("/big-chunked")).error())
                .contains("sent more than 4000 bytes");
    }

    @Test
    void slow_servers_are_refused_at_the_deadline_before_or_during_the_body() {
        Tool tool = fetchUrl(Set.of("127.0.0.1"), Duration.ofMillis(700), 4_000, 20_000);

        long start = System.nanoTime();
        assertThat(fetch(tool, server.url("/slow-headers")).error()).contains("within PT0.7S").contains("too slow");
        assertThat(fetch(tool, server.url("/slow-body")).error()).contains("within PT0.7S");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_800));
    }

    @Test
    void content_types_that_are_not_text_documents_are_refused() {
        assertThat(fetch(allowingLoopback(), server.url("/image")).error())
                .contains("'image/png', which cannot be read as text").contains("application/pdf");
        assertThat(fetch(allowingLoopback(), server.url("/binary")).error()).contains("application/octet-stream");
    }

    @Test
    void error_statuses_are_errors_and_busy_servers_or_refused_connections_are_retryable() throws IOException {
        assertThat(fetch(allowingLoopback(), server.url("/missing")).error()).contains("HTTP 404");
        assertThatThrownBy(() -> fetch(allowingLoopback(), server.url("/busy")))
                .isInstanceOf(ToolUnavailableException.class).hasMessageContaining("HTTP 503");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> fetch(allowingLoopback(), "http://127.0.0.1:" + closedPort + "/"))
                .isInstanceOf(ToolUnavailableException.class).hasMessageContaining("cannot connect");
    }

    @Test
    void malformed_urls_are_refused_with_the_fix() {
        assertThat(fetch(allowingLoopback(), "http://exa mple.org/").error()).contains("not a valid URI");
        assertThat(fetch(allowingLoopback(), "/relative/path").error()).contains("only http and https");
    }
}
