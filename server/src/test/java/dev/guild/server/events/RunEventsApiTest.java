package dev.guild.server.events;

import dev.guild.server.ApiClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.server.hooks.AcceptedRuns;
import dev.guild.server.hooks.DedupeKey;
import dev.guild.workflows.RunEvent;
import dev.guild.workflows.RunEventTypes;
import dev.guild.workflows.ports.RunEventSink;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Run events through the real embedded Kafka and PostgreSQL: the Kafka sink publishes, the consumer stores
 * (deduplicating), and the run API and the SSE stream serve them.
 */
@QuarkusTest
class RunEventsApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Inject
    RunEventSink sink;

    @Inject
    AcceptedRuns accepted;

    @TestHTTPResource("/")
    URL base;

    static RunEvent event(String runId, long sequence, String type, String data) {
        return new RunEvent(RunEvent.id(runId, sequence), runId, sequence, type, Instant.now().toString(), data);
    }

    HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.toURI().resolve(path)).header("Authorization", ApiClient.AUTHORIZATION).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonNode awaitRun(String runId, String state) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            HttpResponse<String> response = get("/api/runs/" + runId);
            if (response.statusCode() == 200) {
                JsonNode run = JSON.readTree(response.body());
                if (run.get("state").asText().equals(state)) {
                    return run;
                }
            }
            assertThat(System.nanoTime()).as("run %s in state %s in time; last answer %s", runId, state,
                    response.body()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Reads an SSE stream to its end; returns the {@code event:} names in order. */
    CompletableFuture<List<String>> streamTypes(String runId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.toURI().resolve("/api/runs/" + runId + "/events"))
                .header("Authorization", ApiClient.AUTHORIZATION).timeout(Duration.ofSeconds(30)).GET().build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).thenApply(response -> {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("text/event-stream"));
            List<String> types = new ArrayList<>();
            try (InputStream in = response.body();
                 BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.startsWith("event: ")) {
                        types.add(line.substring("event: ".length()));
                    } else if (line.startsWith("data: ")) {
                        JsonNode event = JSON.readTree(line.substring("data: ".length()));
                        assertThat(event.get("runId").asText()).isEqualTo(runId);
                        assertThat(event.get("sequence").asLong()).isEqualTo(types.size());
                        assertThat(event.get("data").isObject()).as("data embedded as JSON: %s", line).isTrue();
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return types;
        });
    }

    @Test
    void published_events_are_stored_once_and_folded_into_the_run() throws Exception {
        String runId = UUID.randomUUID().toString();
        List<RunEvent> events = List.of(
                event(runId, 1, RunEventTypes.RUN_STARTED, "{\"workflowName\":\"hello\"}"),
                event(runId, 2, RunEventTypes.STEP_STARTED, "{\"step\":\"greet\",\"type\":\"call\"}"),
                event(runId, 3, RunEventTypes.TOOL_CALLED, "{\"step\":\"greet\",\"tool\":\"render_template\"}"),
                event(runId, 4, RunEventTypes.TOOL_COMPLETED, "{\"step\":\"greet\",\"tool\":\"render_template\","
                        + "\"idempotencyKey\":\"" + runId + "/1\",\"ok\":true}"),
                event(runId, 5, RunEventTypes.RUN_COMPLETED, "{\"output\":{\"greeting\":\"Hello, Ada!\"}}"));
        events.forEach(sink::publish);
        sink.publish(events.get(3)); // a retried publication: same id, dropped by the consumer

        JsonNode run = awaitRun(runId, "completed");
        assertThat(run.get("workflowName").asText()).isEqualTo("hello");
        assertThat(run.get("result").get("greeting").asText()).isEqualTo("Hello, Ada!");
        assertThat(run.get("steps")).hasSize(1);
        assertThat(run.get("steps").get(0).get("name").asText()).isEqualTo("greet");
        assertThat(run.get("steps").get(0).get("state").asText()).isEqualTo("completed");
        assertThat(run.get("toolCalls")).hasSize(1);
        assertThat(run.get("toolCalls").get(0).get("tool").asText()).isEqualTo("render_template");
        assertThat(run.get("lastSequence").asLong()).isEqualTo(5);

        assertThat(streamTypes(runId).get(20, TimeUnit.SECONDS)).containsExactly(RunEventTypes.RUN_STARTED,
                RunEventTypes.STEP_STARTED, RunEventTypes.TOOL_CALLED, RunEventTypes.TOOL_COMPLETED,
                RunEventTypes.RUN_COMPLETED);
    }

    @Test
    void the_stream_replays_then_follows_live_events_and_ends_after_the_run_failed() throws Exception {
        String runId = UUID.randomUUID().toString();
        sink.publish(event(runId, 1, RunEventTypes.RUN_STARTED, "{\"workflowName\":\"hello\"}"));
        awaitRun(runId, "running");
        CompletableFuture<List<String>> stream = streamTypes(runId);
        Thread.sleep(300);
        sink.publish(event(runId, 2, RunEventTypes.STEP_STARTED, "{\"step\":\"greet\",\"type\":\"call\"}"));
        sink.publish(event(runId, 3, RunEventTypes.RUN_FAILED, "{\"error\":\"tool render_template failed\"}"));
        assertThat(stream.get(20, TimeUnit.SECONDS)).containsExactly(RunEventTypes.RUN_STARTED,
                RunEventTypes.STEP_STARTED, RunEventTypes.RUN_FAILED);
        JsonNode run = awaitRun(runId, "failed");
        assertThat(run.get("error").asText()).isEqualTo("tool render_template failed");
        assertThat(run.get("steps").get(0).get("state").asText()).isEqualTo("failed");
    }

    @Test
    void an_accepted_run_without_events_yet_answers_accepted_then_its_events() throws Exception {
        DedupeKey key = new DedupeKey("hello", "msg_" + UUID.randomUUID());
        accepted.accepted(key, "hello"); // what the webhook does after Kafka acknowledged the delivery
        accepted.accepted(key, "hello"); // a retried delivery: noted once

        HttpResponse<String> response = get("/api/runs/" + key.runId());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode run = JSON.readTree(response.body());
        assertThat(run.get("state").asText()).isEqualTo("accepted");
        assertThat(run.get("workflowName").asText()).isEqualTo("hello");
        assertThat(run.get("steps")).isEmpty();
        assertThat(run.get("lastSequence").asLong()).isZero();
        assertThat(run.get("events").asText()).isEqualTo("/api/runs/" + key.runId() + "/events");

        // the event stream of an accepted run waits past guild.runs.await-start (2 s in tests) instead of a 404
        CompletableFuture<List<String>> stream = streamTypes(key.runId());
        Thread.sleep(2_500);
        sink.publish(event(key.runId(), 1, RunEventTypes.RUN_STARTED, "{\"workflowName\":\"hello\"}"));
        assertThat(awaitRun(key.runId(), "running").get("lastSequence").asLong()).isEqualTo(1);
        sink.publish(event(key.runId(), 2, RunEventTypes.RUN_COMPLETED, "{\"output\":{}}"));
        assertThat(stream.get(20, TimeUnit.SECONDS)).containsExactly(RunEventTypes.RUN_STARTED,
                RunEventTypes.RUN_COMPLETED);
    }

    @Test
    void unknown_run_is_404_with_a_clear_message_on_both_endpoints() throws Exception {
        HttpResponse<String> response = get("/api/runs/no-such-run");
        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo("unknown_run");
        assertThat(body.get("message").asText()).contains("'no-such-run'");
        assertThat(body.get("fix").asText()).contains("runId from the 202 answer");

        HttpResponse<String> stream = get("/api/runs/no-such-run/events");
        assertThat(stream.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(stream.body()).get("error").asText()).isEqualTo("unknown_run");
    }
}
