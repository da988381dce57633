package dev.guild.server.hooks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.server.hooks.WorkflowCatalog;
import dev.guild.workflows.definition.WorkflowDefinition;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook route on a real Vert.x HTTP server, with a Kafka producer aimed at a port where no broker listens:
 * every refusal happens before Kafka is touched, and a valid delivery gets 503 with Retry-After.
 * (The accepted path with a live broker is covered by the end-to-end test.)
 */
class WebhookRouteTest {
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final ObjectMapper JSON = new ObjectMapper();

    static Vertx vertx;
    static HttpServer server;
    static KafkaTriggerPublisher deadKafka;
    static HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static SignatureVerifier signer = new SignatureVerifier(SECRET, Clock.systemUTC(), Duration.ofMinutes(5));

    @BeforeAll
    static void start() throws Exception {
        WorkflowDefinition hello = InputValidatorTest.definition("hello", "{\"type\":\"object\","
                + "\"required\":[\"name\"],\"properties\":{\"name\":{\"type\":\"string\"}}}");
        WorkflowCatalog workflows = new WorkflowCatalog() {
            public Set<String> names() {
                return Set.of("hello");
            }

            public Optional<WorkflowDefinition> find(String name) {
                return Optional.of(hello).filter(d -> d.name().equals(name));
            }
        };
        TriggerRegistry registry = TriggerRegistry.create(
                Map.of("hello", trigger("hello", SECRET, 1024)), workflows, Clock.systemUTC(), Duration.ofMinutes(5));
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        deadKafka = new KafkaTriggerPublisher(Map.of("bootstrap.servers", "127.0.0.1:" + closedPort), "guild.triggers", Duration.ofSeconds(1),
                Clock.systemUTC());
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        new WebhookRoute(new WebhookHandler(registry, deadKafka, (key, workflow) -> {
            throw new AssertionError("a delivery Kafka refused must not be noted as accepted: " + key);
        }), Duration.ofSeconds(7)).register(router);
        server = vertx.createHttpServer().requestHandler(router).listen(0).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        deadKafka.close();
    }

    static TriggerSpec trigger(String workflow, String secret, int maxBodyBytes) {
        return new TriggerSpec(workflow, secret, maxBodyBytes);
    }

    static HttpResponse<String> post(String trigger, String id, HttpRequest.BodyPublisher body, byte[] signed)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://localhost:" + server.actualPort() + "/hooks/" + trigger)).POST(body);
        if (signed != null) {
            long now = System.currentTimeMillis() / 1000;
            request.header("webhook-id", id).header("webhook-timestamp", Long.toString(now))
                    .header("webhook-signature", "v1," + signer.sign(id, now, signed));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> postSigned(String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return post("hello", "msg_route_test", HttpRequest.BodyPublishers.ofByteArray(bytes), bytes);
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        return JSON.readTree(response.body());
    }

    @Test
    void unknown_trigger_is_404_naming_the_configured_ones() throws Exception {
        HttpResponse<String> response = post("nope", "msg_1", HttpRequest.BodyPublishers.ofString("{}"), null);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("error").asText()).isEqualTo("unknown_trigger");
        assertThat(json(response).get("message").asText()).contains("'nope'", "[hello]");
    }

    @Test
    void another_method_or_path_under_hooks_is_answered_in_json() throws Exception {
        URI hook = URI.create("http://localhost:" + server.actualPort() + "/hooks/hello");
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(hook).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        assertThat(json(get).get("error").asText()).isEqualTo("method_not_allowed");
        assertThat(json(get).get("message").asText()).contains("was GET");
        assertThat(json(get).get("requestId").asText()).isNotBlank();

        HttpResponse<String> nested = post("hello/extra", "msg_1", HttpRequest.BodyPublishers.ofString("{}"), null);
        assertThat(nested.statusCode()).isEqualTo(404);
        assertThat(json(nested).get("error").asText()).isEqualTo("not_found");
        assertThat(json(nested).get("message").asText()).contains("/hooks/hello/extra");
    }

    @Test
    void unsigned_request_is_401() throws Exception {
        HttpResponse<String> response = post("hello", "msg_1", HttpRequest.BodyPublishers.ofString("{}"), null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("error").asText()).isEqualTo("missing_signature_header");
        assertThat(json(response).get("fix").asText()).contains("webhook-signature");
    }

    @Test
    void declared_oversized_body_is_413_before_reading_it() throws Exception {
        byte[] big = new byte[64 * 1024];
        HttpResponse<String> response = post("hello", "msg_1", HttpRequest.BodyPublishers.ofByteArray(big), big);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("message").asText()).contains("65536 bytes", "at most 1024 bytes");
    }

    @Test
    void streamed_oversized_body_without_length_is_413() throws Exception {
        byte[] big = new byte[64 * 1024];
        HttpResponse<String> response = post("hello", "msg_1",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)), big);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("error").asText()).isEqualTo("body_too_large");
        assertThat(json(response).get("message").asText()).contains("more than 1024 bytes");
    }

    @Test
    void signed_body_that_is_not_json_is_400() throws Exception {
        HttpResponse<String> response = postSigned("name=Ada");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).isEqualTo("invalid_json");
    }

    @Test
    void signed_body_failing_the_input_schema_is_400_naming_the_field() throws Exception {
        HttpResponse<String> response = postSigned("{\"name\": 42}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).isEqualTo("input_schema_violation");
        assertThat(json(response).get("message").asText()).contains("name", "string");
    }

    @Test
    void valid_delivery_with_kafka_down_is_503_with_retry_after() throws Exception {
        HttpResponse<String> response = postSigned("{\"name\": \"Ada\"}");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("7");
        assertThat(json(response).get("error").asText()).isEqualTo("kafka_unavailable");
        assertThat(json(response).get("fix").asText()).contains("same webhook-id");
    }
}
