package dev.guild.tools.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.guild.tools.ToolCall;
import dev.guild.tools.ToolResult;
import dev.guild.tools.ToolUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against a local HTTP server; loopback is reachable only because the tests allow 127.0.0.1 explicitly. */
class HttpRequestToolTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private String base;
    private final List<String> idempotencyKeys = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hello", exchange -> {
            idempotencyKeys.add(String.valueOf(exchange.getRequestHeaders().getFirst("Idempotency-Key")));
            byte[] body = exchange.getRequestBody().readAllBytes();
            byte[] answer = ("{\"method\":\"" + exchange.getRequestMethod() + "\",\"got\":\""
                    + new String(body, StandardCharsets.UTF_8) + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.createContext("/big", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("a".repeat(5_000).getBytes(StandardCharsets.UTF_8));
            }
        });
        server.createContext("/to-hello", exchange -> redirect(exchange, "/hello"));
        server.createContext("/to-private", exchange -> redirect(exchange, "http://10.1.2.3/secret"));
        server.createContext("/loop", exchange -> redirect(exchange, "/loop"));
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void redirect(com.sun.net.httpserver.HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static HttpRequestTool allowingLoopback(Duration timeout, int maxBytes) {
        return new HttpRequestTool(new HttpRequestTool.Settings(Set.of("127.0.0.1"), timeout, maxBytes, 3));
    }

    private static ToolResult call(HttpRequestTool tool, String arguments) throws IOException {
        return tool.invoke(new ToolCall("http_request", "run-1/act-7", JSON.readTree(arguments)));
    }

    @Test
    void should_send_a_request_and_return_status_type_and_body() throws IOException {
        ToolResult result = call(allowingLoopback(Duration.ofSeconds(5), 1024),
                "{\"method\":\"POST\",\"url\":\"" + base + "/hello\",\"body\":\"hi\",\"headers\":{\"X-Trace\":\"1\"}}");

        assertThat(result.ok()).as(String.valueOf(result.error())).isTrue();
        JsonNode output = result.output();
        assertThat(output.get("status").asInt()).isEqualTo(200);
        assertThat(output.get("contentType").asText()).isEqualTo("application/json");
        assertThat(output.get("body").asText()).isEqualTo("{\"method\":\"POST\",\"got\":\"hi\"}");
        assertThat(output.get("truncated").asBoolean()).isFalse();
        assertThat(idempotencyKeys).containsExactly("run-1/act-7");
    }

    @Test
    void get_sends_no_idempotency_key_and_redirects_are_followed() throws IOException {
        ToolResult result = call(allowingLoopback(Duration.ofSeconds(5), 1024),
                "{\"method\":\"GET\",\"url\":\"" + base + "/to-hello\"}");

        assertThat(result.output().get("url").asText()).isEqualTo(base + "/hello");
        assertThat(result.output().get("body").asText()).contains("\"method\":\"GET\"");
        assertThat(idempotencyKeys).containsExactly("null");
    }

    @Test
    void long_bodies_are_cut_and_flagged() throws IOException {
        ToolResult result = call(allowingLoopback(Duration.ofSeconds(5), 1000), "{\"method\":\"GET\",\"url\":\"" + base + "/big\"}");

        assertThat(result.output().get("body").asText()).hasSize(1000);
        assertThat(result.output().get("truncated").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/", "http://localhost/", "http://10.0.0.8/", "http://192.168.1.1/",
            "http://172.16.0.1/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://0.0.0.0/",
            "http://100.64.0.1/", "http://[fd00::1]/", "http://[::ffff:10.0.0.1]/"})
    void internal_addresses_are_refused_by_default(String url) throws IOException {
        ToolResult result = call(new HttpRequestTool(), "{\"method\":\"GET\",\"url\":\"" + url + "\"}");

        assertThat(result.ok()).isFalse();
        assertThat(result.error()).contains("resolves to").contains("refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://example.org/x", "gopher://example.org/"})
    void non_http_schemes_are_refused(String url) throws IOException {
        ToolResult result = call(new HttpRequestTool(), "{\"method\":\"GET\",\"url\":\"" + url + "\"}");

        assertThat(result.error()).contains("only http and https").contains(url);
    }

    @Test
    void a_redirect_to_an_internal_address_is_refused() throws IOException {
        ToolResult result = call(allowingLoopback(Duration.ofSeconds(5), 1024), "{\"method\":\"GET\",\"url\":\"" + base + "/to-private\"}");

        assertThat(result.ok()).isFalse();
        assertThat(result.error()).contains("10.1.2.3").contains("private");
    }

    @Test
    void redirect_loops_stop_at_the_limit() throws IOException {
        ToolResult result = call(allowingLoopback(Duration.ofSeconds(5), 1024), "{\"method\":\"GET\",\"url\":\"" + base + "/loop\"}");

        assertThat(result.error()).contains("more than 3 redirects");
    }

    @Test
    void slow_servers_are_a_retryable_fault() {
        HttpRequestTool tool = allowingLoopback(Duration.ofMillis(300), 1024);

        assertThatThrownBy(() -> call(tool, "{\"method\":\"GET\",\"url\":\"" + base + "/slow\"}"))
                .isInstanceOf(ToolUnavailableException.class)
                .hasMessageContaining("within PT0.3S");
    }

    /** Answers a public address for the first lookup of each name and 127.0.0.1 for every later one. */
    private static final class RebindingResolver implements HostResolver {
        final List<String> lookups = new CopyOnWriteArrayList<>();

        @Override
        public InetAddress[] resolve(String host) throws java.net.UnknownHostException {
            boolean first = !lookups.contains(host);
            lookups.add(host);
            return new InetAddress[]{InetAddress.getByAddress(host, first ? new byte[]{93, (byte) 184, (byte) 215, 14} : new byte[]{127, 0, 0, 1})};
        }
    }

    @Test
    void a_dns_answer_that_turns_internal_after_the_check_does_not_reach_the_internal_server() throws IOException {
        RebindingResolver resolver = new RebindingResolver();
        HttpRequestTool tool = new HttpRequestTool(new HttpRequestTool.Settings(Set.of(), Duration.ofSeconds(5), 1024, 3), resolver);
        int port = server.getAddress().getPort();

        ToolResult result = call(tool, "{\"method\":\"POST\",\"url\":\"http://rebind.example:" + port + "/hello\"}");

        assertThat(result.ok()).isFalse();
        assertThat(result.error()).contains("'rebind.example' resolves to 127.0.0.1, a loopback address").contains("refused");
        assertThat(resolver.lookups).as("checked, then resolved and checked again for the connection").hasSize(2);
        assertThat(idempotencyKeys).as("requests that reached the local server").isEmpty();
    }

    @Test
    void the_connection_goes_to_the_address_the_policy_resolved_and_keeps_the_host_name() throws IOException {
        List<String> hostHeaders = new CopyOnWriteArrayList<>();
        server.createContext("/host", exchange -> {
            hostHeaders.add(exchange.getRequestHeaders().getFirst("Host"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        HostResolver resolver = host -> new InetAddress[]{InetAddress.getByAddress(host, new byte[]{127, 0, 0, 1})};
        HttpRequestTool tool = new HttpRequestTool(new HttpRequestTool.Settings(Set.of("pinned.example"), Duration.ofSeconds(5), 1024, 3), resolver);
        int port = server.getAddress().getPort();

        ToolResult result = call(tool, "{\"method\":\"GET\",\"url\":\"http://pinned.example:" + port + "/host\"}");

        assertThat(result.ok()).as(String.valueOf(result.error())).isTrue();
        assertThat(result.output().get("status").asInt()).isEqualTo(204);
        assertThat(hostHeaders).containsExactly("pinned.example:" + port);
    }

    @Test
    void bad_requests_are_error_results_with_the_fix() throws IOException {
        HttpRequestTool tool = allowingLoopback(Duration.ofSeconds(5), 1024);

        assertThat(call(tool, "{\"method\":\"GET\",\"url\":\"" + base + "/hello\",\"body\":\"x\"}").error())
                .contains("GET request has no body");
        assertThat(call(tool, "{\"method\":\"GET\",\"url\":\"" + base + "/hello\",\"headers\":{\"Host\":\"evil\"}}").error())
                .contains("'Host'");
        assertThat(call(tool, "{\"method\":\"GET\",\"url\":\"http://user:pw@example.org/\"}").error())
                .contains("credentials");
        assertThat(call(tool, "{\"method\":\"GET\",\"url\":\"http://exa mple.org/\"}").error())
                .contains("not a valid URI");
    }
}
