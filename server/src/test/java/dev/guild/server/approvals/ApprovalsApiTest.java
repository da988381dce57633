package dev.guild.server.approvals;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.guild.server.ApiClient;
import dev.guild.server.events.RunEventStore;
import dev.guild.server.hooks.WorkflowCatalog;
import dev.guild.workflows.RunEvent;
import dev.guild.workflows.RunRequest;
import dev.guild.workflows.RunTrigger;
import dev.guild.workflows.RunWorkflow;
import dev.guild.workflows.TaskQueues;
import dev.guild.workflows.definition.WorkflowDefinition;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.guild.server.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Approvals through the API on the whole platform (Temporal, Kafka, PostgreSQL): a run held at a side-effecting
 * {@code http_request} call, refused decisions, the approval, the recorded decision, and version pinning (a new version
 * posted while the run waits does not change it).
 */
@QuarkusTest
class ApprovalsApiTest {

    static final String USER = "X-Guild-User";

    @TestHTTPResource("/")
    URL base;
    @Inject
    WorkflowClient client;
    @Inject
    WorkflowCatalog catalog;
    @Inject
    RunEventStore events;

    ApiClient api;
    HttpServer booking;
    final List<String> bookings = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        api = new ApiClient(base.toURI());
        booking = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        booking.createContext("/book", exchange -> {
            bookings.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = "{\"booked\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        booking.start();
    }

    @AfterEach
    void stop() {
        booking.stop(0);
    }

    String definition(String marker) {
        return """
                document: {dsl: '1.0.0', namespace: test, name: ops-approve, version: '1.0.0-%s'}
                do:
                  - book:
                      call: http_request
                      with:
                        method: POST
                        url: http://127.0.0.1:%d/book
                        body: '{"room": 12}'
                  - done:
                      set: {version: %s, status: '${ .status }'}
                """.formatted(marker, booking.getAddress().getPort(), marker);
    }

    void postDefinition(String marker) throws Exception {
        HttpResponse<String> posted = api.post("/api/workflows", "application/yaml", definition(marker));
        assertThat(posted.statusCode()).as(posted.body()).isIn(200, 201);
    }

    /** Starts a run of the newest version, as the dispatcher does. */
    String startRun(String runId) {
        WorkflowDefinition latest = catalog.find("ops-approve").orElseThrow();
        RunRequest request = latest.runRequest(runId, new RunTrigger("api", "test", runId), "{}");
        RunWorkflow run = client.newWorkflowStub(RunWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId(runId).setTaskQueue(TaskQueues.AGENTS).build());
        WorkflowClient.start(run::run, request);
        return latest.hash();
    }

    JsonNode awaitPending(String runId) throws Exception {
        JsonNode list = api.await("/api/runs/" + runId + "/approvals",
                l -> l.isArray() && l.size() > 0 && l.get(0).get("state").asText().equals("pending"));
        return list.get(0);
    }

    HttpResponse<String> decide(String runId, String approvalId, String body, String... headers) throws Exception {
        return api.post("/api/runs/" + runId + "/approvals/" + approvalId, "application/json", body, headers);
    }

    static String decision(String decision, String hash) {
        return "{\"decision\":\"" + decision + "\",\"hash\":\"" + hash + "\",\"comment\":\"looks right\"}";
    }

    @Test
    void a_held_call_waits_for_a_decision_and_the_run_keeps_its_version() throws Exception {
        postDefinition("one");
        String runId = "ops-approve-" + System.nanoTime();
        String v1 = startRun(runId);
        JsonNode held = awaitPending(runId);
        String id = held.get("approvalId").asText();
        String hash = held.get("hash").asText();
        assertThat(held.get("tool").asText()).isEqualTo("http_request");
        assertThat(held.get("step").asText()).isEqualTo("book");
        assertThat(bookings).as("nothing is booked before the decision").isEmpty();

        // a new version while the run waits
        HttpResponse<String> v2 = api.post("/api/workflows", "application/yaml", definition("two"));
        assertThat(v2.statusCode()).isEqualTo(201);
        assertThat(catalog.find("ops-approve").orElseThrow().hash()).isNotEqualTo(v1);

        // bad decisions, each refused with a clear error and no effect
        HttpResponse<String> anonymous = decide(runId, id, decision("approve", hash));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(json(anonymous).get("message").asText()).contains(USER);
        HttpResponse<String> mismatch = decide(runId, id, decision("approve", "sha256:" + "0".repeat(64)), USER, "ada");
        assertThat(mismatch.statusCode()).isEqualTo(409);
        assertThat(json(mismatch).get("error").asText()).isEqualTo("hash_mismatch");
        assertThat(json(mismatch).get("message").asText()).contains(hash);
        HttpResponse<String> malformed = decide(runId, id, "{\"decision\":", USER, "ada");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).get("error").asText()).isEqualTo("malformed_json");
        HttpResponse<String> maybe = decide(runId, id, decision("maybe", hash), USER, "ada");
        assertThat(maybe.statusCode()).isEqualTo(400);
        assertThat(json(maybe).get("message").asText()).contains("\"maybe\"");
        HttpResponse<String> text = api.post("/api/runs/" + runId + "/approvals/" + id, "text/plain",
                decision("approve", hash), USER, "ada");
        assertThat(text.statusCode()).isEqualTo(415);
        HttpResponse<String> huge = decide(runId, id, "{\"comment\":\"" + "x".repeat(20_000) + "\"}", USER, "ada");
        assertThat(huge.statusCode()).isEqualTo(413);
        HttpResponse<String> unknownApproval = decide(runId, "no-such-approval", decision("approve", hash), USER, "ada");
        assertThat(unknownApproval.statusCode()).isEqualTo(404);
        assertThat(json(unknownApproval).get("error").asText()).isEqualTo("unknown_approval");
        HttpResponse<String> unknownRun = decide("no-such-run", id, decision("approve", hash), USER, "ada");
        assertThat(unknownRun.statusCode()).isEqualTo(404);
        assertThat(json(unknownRun).get("error").asText()).isEqualTo("unknown_run");
        assertThat(bookings).isEmpty();

        HttpResponse<String> approved = decide(runId, id, decision("approve", hash), USER, "ada@example.org");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(json(approved).get("state").asText()).isEqualTo("approved");
        HttpResponse<String> again = decide(runId, id, decision("reject", hash), USER, "bob");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("error").asText()).isEqualTo("already_decided");

        JsonNode run = api.await("/api/runs/" + runId, r -> r.path("state").asText().equals("completed"));
        assertThat(run.toString()).contains("\"version\":\"one\"").doesNotContain("\"version\":\"two\"");
        assertThat(bookings).containsExactly("{\"room\": 12}");
        JsonNode recorded = api.await("/api/runs/" + runId + "/approvals",
                l -> l.get(0).get("state").asText().equals("approved"));
        assertThat(recorded.get(0).get("decidedBy").asText()).isEqualTo("ada@example.org");
        assertThat(recorded.get(0).get("comment").asText()).isEqualTo("looks right");
        RunEvent started = events.events(runId, 0, 1).getFirst();
        assertThat(ApiClient.JSON.readTree(started.data()).get("definitionHash").asText()).isEqualTo(v1);
    }

    @Test
    void a_decision_for_a_run_that_no_longer_waits_is_refused() throws Exception {
        postDefinition("one");
        String runId = "ops-gone-" + System.nanoTime();
        startRun(runId);
        JsonNode held = awaitPending(runId);
        WorkflowStub.fromTyped(client.newWorkflowStub(RunWorkflow.class, runId)).terminate("test: the run goes away");

        HttpResponse<String> late = decide(runId, held.get("approvalId").asText(),
                decision("approve", held.get("hash").asText()), USER, "ada");
        assertThat(late.statusCode()).as(late.body()).isEqualTo(409);
        assertThat(json(late).get("error").asText()).isEqualTo("run_not_waiting");
        assertThat(bookings).isEmpty();
        assertThat(api.get("/api/runs/no-such-run/approvals").statusCode()).isEqualTo(404);
    }
}
