package dev.guild.workflows.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.guild.workflows.CloudEventMessage;
import dev.guild.workflows.RunRequest;
import dev.guild.workflows.RunResult;
import dev.guild.workflows.RunState;
import dev.guild.workflows.RunWorkflow;
import dev.guild.workflows.testing.Fixtures;
import dev.guild.workflows.testing.Histories;
import dev.guild.workflows.testing.ScriptedChatModel;
import dev.guild.workflows.testing.WorkflowTestBed;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.guild.workflows.testing.ScriptedChatModel.answer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tasks with effects: {@code emit} and {@code listen} (CloudEvents, correlation by attributes), {@code call: http}
 * (through the http_request tool, against a local HTTP server), {@code call: agent} with an output schema, and
 * {@code run: workflow} (a child run). With {@code -Dguild.recordHistories=true} it saves their histories.
 */
class EffectTasksTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunResult run(WorkflowTestBed bed, RunRequest request) {
        return bed.newWorkflow(RunWorkflow.class, request.runId()).run(request);
    }

    /** Waits until a run has recorded its listen (the subscription exists), at most 20 s. */
    private static void awaitSubscription(WorkflowTestBed bed) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (bed.bus.all().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void emit_publishes_a_cloud_event_with_the_evaluated_attributes() throws Exception {
        try (WorkflowTestBed bed = new WorkflowTestBed(ScriptedChatModel.of())) {
            RunResult result = run(bed, Fixtures.request(bed, "emit-event", "emit-1", "{\"orderId\":\"A-7\",\"amount\":12}"));

            assertThat(result.state()).isEqualTo(RunState.COMPLETED);
            assertThat(bed.bus.published()).singleElement().satisfies(event -> {
                assertThat(event.type()).isEqualTo("com.example.order.paid");
                assertThat(event.source()).isEqualTo("https://shop.example.org/orders");
                assertThat(event.subject()).isEqualTo("A-7");
                assertThat(event.extensions()).containsEntry("orderid", "A-7");
                assertThat(event.dataContentType()).isEqualTo("application/json");
                assertThat(JSON.readTree(event.data())).isEqualTo(JSON.readTree("{\"amount\":12}"));
                assertThat(event.id()).isNotBlank();
                assertThat(event.time()).isNotBlank();
            });
            Histories.record(bed, "emit-1", "profile-emit.json");
        }
    }

    @Test
    void listen_waits_for_the_event_that_matches_its_correlation_attributes() throws Exception {
        try (WorkflowTestBed bed = new WorkflowTestBed(ScriptedChatModel.of())) {
            RunRequest request = Fixtures.request(bed, "listen-event", "listen-1", "{\"orderId\":\"A-7\"}");
            RunWorkflow workflow = bed.newWorkflow(RunWorkflow.class, "listen-1");
            WorkflowClient.start(workflow::run, request);
            awaitSubscription(bed);
            assertThat(bed.bus.all()).singleElement().satisfies(s -> {
                assertThat(s.runId()).isEqualTo("listen-1");
                assertThat(s.filters()).containsExactly(Map.of("type", "com.example.order.paid", "orderid", "A-7"));
            });

            CloudEventMessage other = new CloudEventMessage("e-1", "https://pay.example.org", "com.example.order.paid",
                    null, null, "application/json", "{\"amount\":1}", Map.of("orderid", "B-9"));
            CloudEventMessage wrongType = new CloudEventMessage("e-2", "https://pay.example.org", "com.example.order.refunded",
                    null, null, "application/json", "{\"amount\":2}", Map.of("orderid", "A-7"));
            CloudEventMessage paid = new CloudEventMessage("e-3", "https://pay.example.org", "com.example.order.paid",
                    null, null, "application/json", "{\"amount\":12}", Map.of("orderid", "A-7"));
            assertThat(bed.bus.deliver(bed.client(), other)).isZero();
            assertThat(bed.bus.deliver(bed.client(), wrongType)).isZero();
            assertThat(bed.bus.deliver(bed.client(), paid)).isEqualTo(1);

            RunResult result = WorkflowStub.fromTyped(workflow).getResult(RunResult.class);
            assertThat(result.state()).isEqualTo(RunState.COMPLETED);
            assertThat(JSON.readTree(result.output())).isEqualTo(JSON.readTree("{\"paid\":12,\"event\":\"e-3\"}"));
            assertThat(bed.bus.all()).as("the subscription ends with the listen").isEmpty();
            Histories.record(bed, "listen-1", "profile-listen.json");
        }
    }

    @Test
    void listen_to_all_waits_for_one_event_per_filter_and_answers_in_filter_order() throws Exception {
        String text = """
                document: {dsl: '1.0.0', namespace: test, name: both-signatures, version: '1.0.0'}
                do:
                  - signatures:
                      listen:
                        to:
                          all:
                            - with: {type: com.example.signed, signer: legal, contract: '${ .contract }'}
                            - with: {type: com.example.signed, signer: finance, contract: '${ .contract }'}
                """;
        try (WorkflowTestBed bed = new WorkflowTestBed(ScriptedChatModel.of())) {
            RunRequest request = dev.guild.workflows.definition.DefinitionRepository.parse("both.yaml", text, bed.tools)
                    .runRequest("listen-all", Fixtures.TRIGGER, "{\"contract\":\"C-1\"}");
            RunWorkflow workflow = bed.newWorkflow(RunWorkflow.class, "listen-all");
            WorkflowClient.start(workflow::run, request);
            awaitSubscription(bed);
            CloudEventMessage finance = new CloudEventMessage("s-1", "https://sign.example.org", "com.example.signed",
                    null, null, null, null, Map.of("signer", "finance", "contract", "C-1"));
            CloudEventMessage legal = new CloudEventMessage("s-2", "https://sign.example.org", "com.example.signed",
                    null, null, null, null, Map.of("signer", "legal", "contract", "C-1"));
            assertThat(bed.bus.deliver(bed.client(), finance)).isEqualTo(1);
            Thread.sleep(200);
            assertThat(bed.client().newWorkflowStub(RunWorkflow.class, "listen-all").status().state())
                    .as("one of two signatures is not enough").isEqualTo(RunState.RUNNING);
            assertThat(bed.bus.deliver(bed.client(), legal)).isEqualTo(1);

            RunResult result = WorkflowStub.fromTyped(workflow).getResult(RunResult.class);
            assertThat(result.error()).isNull();
            JsonNode output = JSON.readTree(result.output());
            assertThat(output).hasSize(2);
            assertThat(output.get(0).get("id").asText()).isEqualTo("s-2");
            assertThat(output.get(1).get("id").asText()).isEqualTo("s-1");
        }
    }

    @Test
    void call_http_sends_the_request_and_a_failing_status_raises_a_communication_error() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/items", exchange -> {
            byte[] body = ("{\"items\":[1,2,3],\"query\":\"" + exchange.getRequestURI().getQuery() + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/echo", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/missing", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        try (WorkflowTestBed bed = new WorkflowTestBed(ScriptedChatModel.of())) {
            RunResult result = run(bed, Fixtures.request(bed, "call-http", "http-1",
                    "{\"base\":\"" + base + "\",\"query\":\"tea & cake\"}"));

            assertThat(result.error()).isNull();
            JsonNode output = JSON.readTree(result.output());
            assertThat(output.get("status").asInt()).isEqualTo(201);
            assertThat(output.get("content")).isEqualTo(JSON.readTree("{\"count\":3}"));
            Histories.record(bed, "http-1", "profile-http.json");

            RunResult missing = run(bed, Fixtures.request(bed, "call-http", "http-2",
                    "{\"base\":\"" + base + "/missing\",\"query\":\"x\"}"));
            assertThat(missing.state()).isEqualTo(RunState.FAILED);
            assertThat(missing.error()).contains("task 'lookup' failed: HTTP 404");
            JsonNode failure = JSON.readTree(bed.events.events("http-2").getLast().data()).get("failure");
            assertThat(failure.get("type").asText()).endsWith("/errors/communication");
            assertThat(failure.get("status").asInt()).isEqualTo(404);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void call_agent_asks_the_model_to_fix_an_answer_that_fails_the_output_schema() throws Exception {
        ScriptedChatModel model = ScriptedChatModel.of(
                answer("It is a complaint.", 30, 5),
                answer("```json\n{\"label\": \"angry\"}\n```", 40, 6),
                answer("```json\n{\"label\": \"complaint\"}\n```", 50, 6));
        try (WorkflowTestBed bed = new WorkflowTestBed(model)) {
            RunResult result = run(bed, Fixtures.request(bed, "call-agent", "agent-1",
                    "{\"message\":\"My parcel arrived broken.\"}"));

            assertThat(result.error()).isNull();
            assertThat(JSON.readTree(result.output())).isEqualTo(JSON.readTree("{\"label\":\"complaint\",\"steps\":3}"));
            List<ChatMessage> third = model.requests().get(2).messages();
            List<String> feedback = third.stream().filter(m -> m instanceof UserMessage).map(m -> ((UserMessage) m).singleText())
                    .filter(t -> t.startsWith("Your final answer does not match")).toList();
            assertThat(feedback).hasSize(2);
            assertThat(feedback.get(0)).contains("the answer is not JSON");
            assertThat(feedback.get(1)).contains("label").contains("enumeration");
            assertThat(model.requests().getFirst().parameters().temperature()).isEqualTo(0.0);
            // profile-agent.json and profile-agent-classify.json hold the shape before the loop ran inline (a child)
            Histories.record(bed, "agent-1", "profile-agent-inline.json");
        }
    }

    @Test
    void call_agent_that_never_meets_the_schema_stops_on_its_step_budget() {
        ScriptedChatModel model = ScriptedChatModel.of(answer("no", 1, 1), answer("no", 1, 1), answer("no", 1, 1),
                answer("no", 1, 1));
        try (WorkflowTestBed bed = new WorkflowTestBed(model)) {
            RunResult result = run(bed, Fixtures.request(bed, "call-agent", "agent-2", "{\"message\":\"?\"}"));

            assertThat(result.state()).isEqualTo(RunState.FAILED);
            assertThat(result.error()).contains("stopped").contains("max_steps");
            assertThat(model.calls()).isEqualTo(4);
        }
    }

    @Test
    void run_workflow_starts_the_child_definition_and_takes_its_output() throws Exception {
        try (WorkflowTestBed bed = new WorkflowTestBed(ScriptedChatModel.of())) {
            RunResult missing = run(bed, Fixtures.request(bed, "run-child", "parent-0", "{\"who\":\"Ada\"}"));
            assertThat(missing.state()).isEqualTo(RunState.FAILED);
            assertThat(missing.error()).contains("no workflow definition test/child-greeter version 1.0.0 is known");

            bed.definitions.add(Fixtures.valid("child-greeter", bed.tools));
            RunResult result = run(bed, Fixtures.request(bed, "run-child", "parent-1", "{\"who\":\"Ada\"}"));

            assertThat(result.error()).isNull();
            assertThat(JSON.readTree(result.output())).isEqualTo(JSON.readTree("{\"child\":{\"greeting\":\"Hello, Ada\"}}"));
            RunResult child = WorkflowStub.fromTyped(bed.client().newWorkflowStub(RunWorkflow.class, "parent-1/greet"))
                    .getResult(RunResult.class);
            assertThat(child.state()).isEqualTo(RunState.COMPLETED);
            assertThat(bed.events.types("parent-1/greet")).first().isEqualTo("run.started");
            Histories.record(bed, "parent-1", "profile-run-parent.json");
            Histories.record(bed, "parent-1/greet", "profile-run-child.json");
        }
    }
}
