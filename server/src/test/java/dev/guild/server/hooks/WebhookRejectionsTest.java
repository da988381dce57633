package dev.guild.server.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.server.config.GuildTopics;
import dev.guild.server.embedded.KafkaEndpoint;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bad delivery gets its status and a JSON error that says what was wrong and how to fix it, and starts
 * nothing: no record reaches guild.triggers and the run id it would have had stays unknown.
 * (Kafka unavailable -> 503 with Retry-After is covered in-process by WebhookRouteTest, against a dead port.)
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookRejectionsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    @Inject
    KafkaEndpoint kafka;

    Deliveries deliveries;
    TopicReader triggers;
    final List<DedupeKey> refused = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        deliveries = new Deliveries(base.toURI());
        triggers = new TopicReader(kafka, GuildTopics.TRIGGERS);
    }

    @AfterAll
    void nothing_was_published_and_no_run_exists() throws Exception {
        try {
            List<String> keys = refused.stream().map(DedupeKey::value).toList();
            assertThat(keys).hasSizeGreaterThanOrEqualTo(8);
            assertThat(triggers.read(r -> keys.contains(r.key()), r -> !r.isEmpty(), Duration.ofSeconds(2)))
                    .as("records published for refused deliveries").isEmpty();
            for (DedupeKey key : refused) {
                assertThat(deliveries.get("/api/runs/" + key.runId()).statusCode()).isEqualTo(404);
            }
        } finally {
            triggers.close();
        }
    }

    JsonNode refusedWith(HttpResponse<String> response, int status, String error, String trigger, String id)
            throws Exception {
        refused.add(new DedupeKey(trigger, id));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo(error);
        assertThat(body.get("message").asText()).isNotBlank();
        assertThat(body.get("fix").asText()).isNotBlank();
        return body;
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    @Test
    void unknown_trigger_is_404() throws Exception {
        JsonNode body = refusedWith(deliveries.send("nope", "msg_r1", "{\"name\":\"Ada\"}"), 404, "unknown_trigger",
                "nope", "msg_r1");
        assertThat(body.get("message").asText()).contains("'nope'", "hello");
    }

    @Test
    void missing_signature_headers_are_401() throws Exception {
        byte[] body = "{\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8);
        JsonNode answer = refusedWith(deliveries.send("hello", "msg_r2", Long.toString(now()), null, body), 401,
                "missing_signature_header", "hello", "msg_r2");
        assertThat(answer.get("message").asText()).isEqualTo("Header webhook-signature is missing");
    }

    @Test
    void a_wrong_signature_is_401() throws Exception {
        byte[] body = "{\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8);
        long now = now();
        String signedOtherBody = Deliveries.signature("msg_r3", now, "{\"name\":\"Eve\"}".getBytes(StandardCharsets.UTF_8));
        JsonNode answer = refusedWith(deliveries.send("hello", "msg_r3", Long.toString(now), signedOtherBody, body),
                401, "bad_signature", "hello", "msg_r3");
        assertThat(answer.get("message").asText()).contains("msg_r3");
    }

    @Test
    void a_timestamp_outside_the_window_is_401_even_when_correctly_signed() throws Exception {
        byte[] body = "{\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8);
        long old = now() - 600;
        JsonNode answer = refusedWith(deliveries.send("hello", "msg_r4", Long.toString(old),
                Deliveries.signature("msg_r4", old, body), body), 401, "timestamp_out_of_window", "hello", "msg_r4");
        assertThat(answer.get("message").asText()).contains(Long.toString(old), "in the past");
    }

    @Test
    void a_body_over_the_trigger_limit_is_413() throws Exception {
        String big = "{\"name\":\"" + "A".repeat(100) + "\"}";
        JsonNode answer = refusedWith(deliveries.send("tiny", "msg_r5", big), 413, "body_too_large", "tiny", "msg_r5");
        assertThat(answer.get("message").asText()).contains("at most 64 bytes");
    }

    @Test
    void a_signed_body_that_is_not_json_is_400() throws Exception {
        JsonNode answer = refusedWith(deliveries.send("hello", "msg_r6", "name=Ada"), 400, "invalid_json", "hello",
                "msg_r6");
        assertThat(answer.get("message").asText()).contains("not valid JSON");
    }

    @Test
    void a_body_failing_the_input_schema_is_400_naming_the_field() throws Exception {
        JsonNode missing = refusedWith(deliveries.send("hello", "msg_r7", "{\"nom\":\"Ada\"}"), 400,
                "input_schema_violation", "hello", "msg_r7");
        assertThat(missing.get("message").asText()).contains("workflow 'hello'", "name");
        JsonNode wrongType = refusedWith(deliveries.send("hello", "msg_r8", "{\"name\": 42}"), 400,
                "input_schema_violation", "hello", "msg_r8");
        assertThat(wrongType.get("message").asText()).contains("name", "string");
    }
}
