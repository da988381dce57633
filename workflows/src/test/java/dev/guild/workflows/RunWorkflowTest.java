package dev.guild.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.workflows.definition.DefinitionRepository;
import dev.guild.workflows.definition.WorkflowDefinition;
import dev.guild.workflows.testing.ScriptedChatModel;
import dev.guild.workflows.testing.WorkflowTestBed;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static dev.guild.workflows.testing.ScriptedChatModel.answer;
import static dev.guild.workflows.testing.ScriptedChatModel.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class RunWorkflowTest {

    static final Path EXAMPLES = Path.of("..", "examples");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RunTrigger TRIGGER = new RunTrigger("webhook", "hello", "msg_1");

    private static RunResult run(WorkflowTestBed bed, RunRequest request) {
        RunWorkflow workflow = bed.newWorkflow(RunWorkflow.class, request.runId());
        return workflow.run(request);
    }

    private static WorkflowDefinition example(WorkflowTestBed bed, String name) {
        return dev.guild.workflows.testing.Examples.load(name, bed.tools);
    }

    @Test
    void hello_runs_with_tools_only() throws Exception {
        try (WorkflowTestBed bed = new WorkflowTestBed(ScriptedChatModel.of())) {
            RunRequest request = example(bed, "hello").runRequest("run-hello", TRIGGER, "{\"name\":\"Ada\"}");
            RunWorkflow workflow = bed.newWorkflow(RunWorkflow.class, "run-hello");
            RunResult result = workflow.run(request);

            assertThat(result.state()).isEqualTo(RunState.COMPLETED);
            assertThat(JSON.readTree(result.output())).isEqualTo(JSON.readTree(
                    "{\"greeting\":\"Hello, Ada! Welcome to Guild.\",\"name\":\"Ada\"}"));
            assertThat(bed.events.types("run-hello")).containsExactly(
                    RunEventTypes.RUN_STARTED, RunEventTypes.STEP_STARTED, RunEventTypes.TOOL_CALLED,
                    RunEventTypes.TOOL_COMPLETED, RunEventTypes.STEP_STARTED, RunEventTypes.RUN_COMPLETED);
            assertThat(bed.events.events("run-hello")).extracting(RunEvent::id).containsExactly(
                    "run-hello/1", "run-hello/2", "run-hello/3", "run-hello/4", "run-hello/5", "run-hello/6");
            JsonNode started = JSON.readTree(bed.events.events("run-hello").getFirst().data());
            assertThat(started.get("workflowName").asText()).isEqualTo("hello");
            assertThat(started.get("definitionHash").asText()).isEqualTo(request.definitionHash()).startsWith("sha256:");
            assertThat(started.at("/trigger/deliveryId").asText()).isEqualTo("msg_1");
            JsonNode completed = JSON.readTree(bed.events.events("run-hello").getLast().data());
            assertThat(completed.at("/output/greeting").asText()).isEqualTo("Hello, Ada! Welcome to Guild.");

            RunStatus status = workflow.status();
            assertThat(status.state()).isEqualTo(RunState.COMPLETED);
            assertThat(status.steps()).extracting(RunStatus.Step::name).containsExactly("greet", "answer");
            assertThat(status.steps()).extracting(RunStatus.Step::state).containsOnly(RunState.COMPLETED);
            assertThat(status.toolCalls()).singleElement().satisfies(call -> {
                assertThat(call.tool()).isEqualTo("render_template");
                assertThat(call.idempotencyKey()).startsWith("run-hello/");
            });
            assertThat(status.result()).isEqualTo(result.output());
        }
    }

    @Test
    void hello_agent_runs_an_agent_that_calls_a_tool() throws Exception {
        ScriptedChatModel model = ScriptedChatModel.of(
                toolCall("c1", "render_template", "{\"template\":\"Welcome, {{name}}!\",\"values\":{\"name\":\"Ada\"}}", 40, 12),
                answer("Welcome, Ada!", 60, 4));
        try (WorkflowTestBed bed = new WorkflowTestBed(model)) {
            RunRequest request = example(bed, "hello-agent").runRequest("run-agent", TRIGGER, "{\"name\":\"Ada\"}");
            RunResult result = run(bed, request);

            assertThat(result.state()).isEqualTo(RunState.COMPLETED);
            assertThat(JSON.readTree(result.output())).isEqualTo(JSON.readTree(
                    "{\"greeting\":\"Welcome, Ada!\",\"name\":\"Ada\",\"steps\":2}"));
            assertThat(model.requests().getFirst().messages().get(1).toString()).contains("Greet Ada and welcome them to Guild.");
            assertThat(model.requests().getFirst().parameters().temperature()).isEqualTo(0.2);
            assertThat(bed.events.types("run-agent")).containsExactly(
                    RunEventTypes.RUN_STARTED, RunEventTypes.STEP_STARTED,
                    RunEventTypes.STEP_STARTED, RunEventTypes.MODEL_COMPLETED, RunEventTypes.TOOL_CALLED, RunEventTypes.TOOL_COMPLETED,
                    RunEventTypes.STEP_STARTED, RunEventTypes.MODEL_COMPLETED,
                    RunEventTypes.STEP_STARTED, RunEventTypes.RUN_COMPLETED);
            assertThat(bed.events.events("run-agent")).extracting(RunEvent::sequence)
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
            // one publication per workflow task: what a step emitted goes out together before the step waits; the
            // agent loop runs inline in the run's workflow, so its events share the run's batches
            assertThat(bed.events.batchTypes("run-agent")).containsExactly(
                    List.of(RunEventTypes.RUN_STARTED, RunEventTypes.STEP_STARTED, RunEventTypes.STEP_STARTED),
                    List.of(RunEventTypes.MODEL_COMPLETED, RunEventTypes.TOOL_CALLED),
                    List.of(RunEventTypes.TOOL_COMPLETED, RunEventTypes.STEP_STARTED),
                    List.of(RunEventTypes.MODEL_COMPLETED, RunEventTypes.STEP_STARTED, RunEventTypes.RUN_COMPLETED));
            RunStatus status = bed.client().newWorkflowStub(RunWorkflow.class, "run-agent").status();
            // the tool activity belongs to the run's own workflow (no agent child): key <workflow id>/<activity id>
            assertThat(status.toolCalls()).singleElement().satisfies(call ->
                    assertThat(call.idempotencyKey()).matches("run-agent/[0-9a-f-]{36}"));
            assertThatThrownBy(() -> bed.client().fetchHistory("run-agent/greet")).as("no agent child workflow")
                    .hasMessageContaining("NOT_FOUND");
            assertThat(bed.transcripts.load("run-agent", "greet", 0, 100)).hasSize(5);
        }
    }

    @Test
    void input_that_fails_the_schema_fails_the_run_naming_the_field() {
        try (WorkflowTestBed bed = new WorkflowTestBed(ScriptedChatModel.of())) {
            RunResult result = run(bed, example(bed, "hello").runRequest("run-bad-input", TRIGGER, "{\"nom\":\"Ada\"}"));

            assertThat(result.state()).isEqualTo(RunState.FAILED);
            assertThat(result.error()).contains("input.schema").contains("name");
            assertThat(bed.events.types("run-bad-input")).containsExactly(RunEventTypes.RUN_STARTED, RunEventTypes.RUN_FAILED);
        }
    }

    @Test
    void a_definition_that_does_not_match_its_pinned_hash_fails_the_run() {
        try (WorkflowTestBed bed = new WorkflowTestBed(ScriptedChatModel.of())) {
            RunRequest good = example(bed, "hello").runRequest("run-hash", TRIGGER, "{\"name\":\"Ada\"}");
            RunRequest tampered = new RunRequest(good.runId(), good.workflowName(), good.definitionHash(),
                    good.definition().replace("Welcome", "Goodbye"), good.trigger(), good.input());

            RunResult result = run(bed, tampered);

            assertThat(result.state()).isEqualTo(RunState.FAILED);
            assertThat(result.error()).contains("pinned hash").contains(good.definitionHash());
        }
    }

    @Test
    void a_tool_error_fails_the_run_with_the_tools_message() {
        String text = """
                document: {dsl: '1.0.0', namespace: test, name: missing-value, version: '1.0.0'}
                do:
                  - greet:
                      call: render_template
                      with:
                        template: "Hello, {{title}} {{name}}"
                        values:
                          name: ${ .name }
                """;
        try (WorkflowTestBed bed = new WorkflowTestBed(ScriptedChatModel.of())) {
            WorkflowDefinition definition = DefinitionRepository.parse("inline.yaml", text, bed.tools);
            RunResult result = run(bed, definition.runRequest("run-tool-error", TRIGGER, "{\"name\":\"Ada\"}"));

            assertThat(result.state()).isEqualTo(RunState.FAILED);
            assertThat(result.error()).contains("task 'greet' failed").contains("[title]");
            RunStatus status = bed.client().newWorkflowStub(RunWorkflow.class, "run-tool-error").status();
            assertThat(status.state()).isEqualTo(RunState.FAILED);
            assertThat(status.steps()).singleElement().extracting(RunStatus.Step::state).isEqualTo(RunState.FAILED);
            assertThat(status.toolCalls()).singleElement().extracting(ToolCallSummary::ok).isEqualTo(false);
        }
    }

    @Test
    void an_agent_out_of_budget_fails_the_run_saying_which_budget() {
        ScriptedChatModel model = ScriptedChatModel.of(
                toolCall("c1", "render_template", "{\"template\":\"x\",\"values\":{}}", 10, 1),
                answer("late", 10, 1));
        String text = """
                document: {dsl: '1.0.0', namespace: test, name: short-agent, version: '1.0.0'}
                do:
                  - think:
                      call: agent
                      with:
                        instructions: Think.
                        prompt: ${ .topic }
                        tools: [render_template]
                        limits: {maxSteps: 1}
                """;
        try (WorkflowTestBed bed = new WorkflowTestBed(model)) {
            WorkflowDefinition definition = DefinitionRepository.parse("inline.yaml", text, bed.tools);
            RunResult result = run(bed, definition.runRequest("run-budget", TRIGGER, "{\"topic\":\"life\"}"));

            assertThat(result.state()).isEqualTo(RunState.FAILED);
            assertThat(result.error()).contains("max_steps").contains("maxSteps 1");
            assertThat(bed.events.types("run-budget")).endsWith(RunEventTypes.RUN_FAILED);
            assertThat(bed.events.events("run-budget")).extracting(RunEvent::sequence)
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        }
    }

    @Test
    void status_can_be_queried_while_the_run_waits() throws Exception {
        String text = """
                document: {dsl: '1.0.0', namespace: test, name: gated, version: '1.0.0'}
                do:
                  - first:
                      set:
                        label: ${ .name }
                  - wait:
                      call: wait_at_gate
                      with:
                        label: ${ .label }
                """;
        try (WorkflowTestBed bed = new WorkflowTestBed(ScriptedChatModel.of())) {
            WorkflowDefinition definition = DefinitionRepository.parse("gated.yaml", text, bed.tools);
            RunWorkflow workflow = bed.newWorkflow(RunWorkflow.class, "run-query");
            WorkflowClient.start(workflow::run, definition.runRequest("run-query", TRIGGER, "{\"name\":\"Ada\"}"));
            bed.gate.awaitEntered();

            RunStatus running = workflow.status();
            assertThat(running.state()).isEqualTo(RunState.RUNNING);
            assertThat(running.workflowName()).isEqualTo("gated");
            assertThat(running.steps()).extracting(RunStatus.Step::name, RunStatus.Step::state)
                    .containsExactly(tuple("first", RunState.COMPLETED), tuple("wait", RunState.RUNNING));
            assertThat(running.steps().get(1).completedAt()).isNull();
            assertThat(running.result()).isNull();

            bed.gate.open();
            RunResult result = WorkflowStub.fromTyped(workflow).getResult(RunResult.class);
            assertThat(JSON.readTree(result.output())).isEqualTo(JSON.readTree("{\"label\":\"Ada\"}"));
            assertThat(workflow.status().state()).isEqualTo(RunState.COMPLETED);
        }
    }
}
