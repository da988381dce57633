package dev.guild.workflows;

import dev.guild.agents.AgentLimits;
import dev.guild.agents.AgentOutcome;
import dev.guild.agents.AgentSpec;
import dev.guild.agents.ModelSettings;
import dev.guild.workflows.approval.ApprovalPolicy;
import dev.guild.workflows.testing.CrashingTranscriptStore;
import dev.guild.workflows.testing.ScriptedChatModel;
import dev.guild.workflows.testing.WorkflowTestBed;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.guild.workflows.testing.ScriptedChatModel.answer;
import static dev.guild.workflows.testing.ScriptedChatModel.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

class AgentWorkflowTest {

    private static final String RENDER_ARGS = "{\"template\":\"Hello, {{name}}!\",\"values\":{\"name\":\"Ada\"}}";

    private static AgentRequest request(String runId, AgentLimits limits, int continueAsNewAfterSteps, String... tools) {
        AgentSpec spec = new AgentSpec("greeter", "You greet people.", List.of(tools), ModelSettings.DEFAULTS, limits);
        // these tests are about the loop, not approvals (ApprovalWorkflowTest): the tools run unattended
        ApprovalPolicy unattended = new ApprovalPolicy(List.of(tools), 3600, ApprovalPolicy.REJECT, null, 0,
                ApprovalPolicy.CONTINUE);
        return new AgentRequest(runId, "greet", spec, "Greet Ada", "greet", 1, null, continueAsNewAfterSteps, unattended);
    }

    private static AgentResult run(WorkflowTestBed bed, String runId, AgentRequest request) {
        return bed.newWorkflow(AgentWorkflow.class, runId).run(request);
    }

    @Test
    void should_call_a_tool_then_answer() {
        ScriptedChatModel model = ScriptedChatModel.of(
                toolCall("c1", "render_template", RENDER_ARGS, 50, 10),
                answer("Hello, Ada!", 70, 5));
        try (WorkflowTestBed bed = new WorkflowTestBed(model)) {
            AgentResult result = run(bed, "run-tool", request("run-tool", AgentLimits.DEFAULTS, 0, "render_template"));

            assertThat(result.outcome()).isEqualTo(AgentOutcome.FINAL_ANSWER);
            assertThat(result.answer()).isEqualTo("Hello, Ada!");
            assertThat(result.steps()).isEqualTo(2);
            assertThat(result.tokens()).isEqualTo(135);
            assertThat(result.toolCalls()).singleElement().satisfies(call -> {
                assertThat(call.tool()).isEqualTo("render_template");
                assertThat(call.ok()).isTrue();
                assertThat(call.idempotencyKey()).matches("run-tool/[0-9a-f-]{36}");
                assertThat(call.step()).isEqualTo("greet#1");
            });
            // system, user, model's tool call, tool result, final answer
            assertThat(result.messageCount()).isEqualTo(5);
            assertThat(bed.transcripts.load("run-tool", "greet", 0, 100)).hasSize(5);
            ChatRequest second = model.requests().get(1);
            ChatMessage toolResult = second.messages().getLast();
            assertThat(toolResult).isInstanceOf(ToolExecutionResultMessage.class);
            assertThat(((ToolExecutionResultMessage) toolResult).text()).contains("Hello, Ada!");
            assertThat(model.requests().getFirst().toolSpecifications()).extracting(s -> s.name())
                    .containsExactly("render_template");
            assertThat(bed.events.types("run-tool")).containsExactly(
                    RunEventTypes.STEP_STARTED, RunEventTypes.MODEL_COMPLETED, RunEventTypes.TOOL_CALLED,
                    RunEventTypes.TOOL_COMPLETED, RunEventTypes.STEP_STARTED, RunEventTypes.MODEL_COMPLETED);
            assertThat(bed.events.events("run-tool")).extracting(RunEvent::id)
                    .containsExactly("run-tool/1", "run-tool/2", "run-tool/3", "run-tool/4", "run-tool/5", "run-tool/6");
            assertThat(result.nextEventSequence()).isEqualTo(7);
        }
    }

    @Test
    void should_tell_the_model_about_malformed_calls_and_recover() {
        ScriptedChatModel model = ScriptedChatModel.of(
                toolCall("c1", "send_fax", "{}", 10, 1),
                toolCall("c2", "render_template", "{not json", 10, 1),
                toolCall("c3", "render_template", "{\"values\":{}}", 10, 1),
                toolCall("c4", "render_template", RENDER_ARGS, 10, 1),
                answer("Hello, Ada!", 10, 1));
        try (WorkflowTestBed bed = new WorkflowTestBed(model)) {
            AgentResult result = run(bed, "run-malformed", request("run-malformed", AgentLimits.DEFAULTS, 0, "render_template"));

            assertThat(result.outcome()).isEqualTo(AgentOutcome.FINAL_ANSWER);
            assertThat(result.steps()).isEqualTo(5);
            assertThat(result.toolCalls()).hasSize(1);
            assertThat(lastToolMessage(model.requests().get(1))).contains("no tool named 'send_fax'").contains("[render_template]");
            assertThat(lastToolMessage(model.requests().get(2))).contains("not valid JSON").contains("{not json");
            assertThat(lastToolMessage(model.requests().get(3))).contains("do not match its parameters").contains("template");
            assertThat(lastToolMessage(model.requests().get(4))).contains("Hello, Ada!");
        }
    }

    private static String lastToolMessage(ChatRequest request) {
        return ((ToolExecutionResultMessage) request.messages().getLast()).text();
    }

    @Test
    void should_stop_at_max_steps() {
        ScriptedChatModel model = ScriptedChatModel.of(
                toolCall("c1", "render_template", RENDER_ARGS, 10, 1),
                toolCall("c2", "render_template", RENDER_ARGS, 10, 1),
                answer("too late", 10, 1));
        try (WorkflowTestBed bed = new WorkflowTestBed(model)) {
            AgentResult result = run(bed, "run-steps", request("run-steps", new AgentLimits(2, 10_000, 600), 0, "render_template"));

            assertThat(result.outcome()).isEqualTo(AgentOutcome.MAX_STEPS);
            assertThat(result.answer()).isNull();
            assertThat(result.reason()).contains("maxSteps 2");
            assertThat(model.calls()).isEqualTo(2);
        }
    }

    @Test
    void should_stop_at_max_tokens() {
        ScriptedChatModel model = ScriptedChatModel.of(
                toolCall("c1", "render_template", RENDER_ARGS, 120, 30),
                answer("too late", 10, 1));
        try (WorkflowTestBed bed = new WorkflowTestBed(model)) {
            AgentResult result = run(bed, "run-tokens", request("run-tokens", new AgentLimits(10, 100, 600), 0, "render_template"));

            assertThat(result.outcome()).isEqualTo(AgentOutcome.MAX_TOKENS);
            assertThat(result.tokens()).isEqualTo(150);
            assertThat(result.reason()).contains("150 tokens").contains("maxTokens 100");
            assertThat(model.calls()).isEqualTo(1);
        }
    }

    @Test
    void should_stop_at_the_deadline_before_the_next_model_call() throws Exception {
        ScriptedChatModel model = ScriptedChatModel.of(
                toolCall("c1", "wait_at_gate", "{\"label\":\"x\"}", 10, 1),
                answer("too late", 10, 1));
        try (WorkflowTestBed bed = new WorkflowTestBed(model)) {
            Thread opener = Thread.ofVirtual().start(() -> {
                try {
                    bed.gate.awaitEntered();
                    // the tool outlasts the deadline; the deadline leaves the first model call seconds even on
                    // a loaded machine, so the tool call always starts before it
                    Thread.sleep(4_500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                bed.gate.open();
            });
            AgentResult result = run(bed, "run-deadline", request("run-deadline", new AgentLimits(10, 10_000, 4), 0, "wait_at_gate"));
            opener.join();

            assertThat(result.outcome()).isEqualTo(AgentOutcome.DEADLINE);
            assertThat(result.reason()).contains("deadlineSeconds 4");
            assertThat(result.toolCalls()).hasSize(1);
            assertThat(model.calls()).isEqualTo(1);
        }
    }

    @Test
    void a_model_call_that_outlasts_the_deadline_is_cut_off_at_the_deadline() {
        ChatModel hanging = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                try {
                    Thread.sleep(8_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return answer("much too late", 1, 1);
            }
        };
        try (WorkflowTestBed bed = new WorkflowTestBed(hanging)) {
            long started = System.nanoTime();
            AgentResult result = run(bed, "run-hang", request("run-hang", new AgentLimits(10, 10_000, 2), 0, "render_template"));

            assertThat(result.outcome()).isEqualTo(AgentOutcome.DEADLINE);
            assertThat(result.steps()).isEqualTo(1);
            assertThat(System.nanoTime() - started).as("ended at the deadline, not when the model answered")
                    .isLessThan(7_000_000_000L);
        }
    }

    @Test
    void should_continue_as_new_and_keep_budget_transcript_and_unique_keys() {
        ScriptedChatModel model = ScriptedChatModel.of(
                toolCall("c1", "take_note", "{\"text\":\"one\"}", 10, 1),
                toolCall("c2", "take_note", "{\"text\":\"two\"}", 10, 1),
                answer("noted twice", 10, 1));
        try (WorkflowTestBed bed = new WorkflowTestBed(model)) {
            AgentResult result = run(bed, "run-can", request("run-can", AgentLimits.DEFAULTS, 1, "take_note"));

            assertThat(result.outcome()).isEqualTo(AgentOutcome.FINAL_ANSWER);
            assertThat(result.steps()).isEqualTo(3);
            assertThat(result.tokens()).isEqualTo(33);
            assertThat(result.toolCalls()).extracting(ToolCallSummary::idempotencyKey).doesNotHaveDuplicates()
                    .allMatch(key -> key.startsWith("run-can"));
            assertThat(bed.notes.effects()).containsExactly("one", "two");
            assertThat(bed.transcripts.load("run-can", "greet", 0, 100)).hasSize(7);
            assertThat(bed.events.events("run-can")).extracting(RunEvent::sequence)
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L); // 4 + 4 + 2 events over 3 steps
        }
    }

    @Test
    void a_model_that_rejects_the_request_fails_the_agent_without_retries() {
        AtomicInteger calls = new AtomicInteger();
        ChatModel rejecting = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                calls.incrementAndGet();
                throw new AuthenticationException("invalid API key 'sk-***'");
            }
        };
        try (WorkflowTestBed bed = new WorkflowTestBed(rejecting)) {
            AgentResult result = run(bed, "run-rejected", request("run-rejected", AgentLimits.DEFAULTS, 0, "render_template"));

            assertThat(result.outcome()).isEqualTo(AgentOutcome.FAILED);
            assertThat(result.reason()).contains("model call of step 1 failed").contains("invalid API key");
            assertThat(calls).hasValue(1);
            assertThat(result.nextEventSequence()).isEqualTo(2); // step.started only
        }
    }

    @Test
    void history_carries_references_not_transcripts() {
        String bulky = "x".repeat(20_000);
        ChatResponse[] script = new ChatResponse[21];
        for (int i = 0; i < 20; i++) {
            script[i] = toolCall("c" + i, "render_template",
                    "{\"template\":\"{{t}}\",\"values\":{\"t\":\"" + bulky + "\"}}", 10, 1);
        }
        script[20] = answer("done", 10, 1);
        try (WorkflowTestBed bed = new WorkflowTestBed(ScriptedChatModel.of(script))) {
            AgentResult result = run(bed, "run-long", request("run-long", new AgentLimits(30, 1_000_000, 600), 0, "render_template"));

            assertThat(result.outcome()).isEqualTo(AgentOutcome.FINAL_ANSWER);
            long historyBytes = bed.client().fetchHistory("run-long").getHistory().getSerializedSize();
            long transcriptChars = bed.transcripts.load("run-long", "greet", 0, 1_000).stream()
                    .mapToLong(e -> e.message().length()).sum();
            assertThat(transcriptChars).isGreaterThan(800_000); // 40 messages of 20 KB each
            // tool arguments and outputs stay in the transcript store; history holds references
            assertThat(historyBytes).as("history bytes").isLessThan(transcriptChars / 5);
            assertThat(historyBytes / result.steps()).as("history bytes per agent step").isLessThan(6_000); // about 20 history events per step
        }
    }

    /** Runs an agent that takes one note and answers, on a store that crashes once after a write; checks nothing repeated. */
    private static void runWithOneCrash(int crashAfterWriteAt, String runId, ScriptedChatModel model, CrashingTranscriptStore store,
                                        WorkflowTestBed bed) {
        AgentResult result = run(bed, runId, request(runId, AgentLimits.DEFAULTS, 0, "take_note"));

        assertThat(store.crashed()).as("the store crashed after the write at %s", crashAfterWriteAt).isTrue();
        assertThat(result.outcome()).isEqualTo(AgentOutcome.FINAL_ANSWER);
        assertThat(model.calls()).isEqualTo(2);
        assertThat(bed.notes.effects()).containsExactly("once");
        assertThat(store.load(runId, "greet", 0, 100)).hasSize(5);
    }

    private static ScriptedChatModel noteOnceThenAnswer() {
        return ScriptedChatModel.of(toolCall("c1", "take_note", "{\"text\":\"once\"}", 10, 1), answer("done", 10, 1));
    }

    @Test
    void a_retried_model_call_does_not_call_the_model_again() {
        ScriptedChatModel model = noteOnceThenAnswer();
        CrashingTranscriptStore store = new CrashingTranscriptStore(2); // the model's first reply
        try (WorkflowTestBed bed = new WorkflowTestBed(model, store)) {
            runWithOneCrash(2, "run-retry", model, store, bed);
        }
    }

    @Test
    void a_retried_tool_call_does_not_call_the_tool_again() {
        ScriptedChatModel model = noteOnceThenAnswer();
        CrashingTranscriptStore store = new CrashingTranscriptStore(3); // the tool's result
        try (WorkflowTestBed bed = new WorkflowTestBed(model, store)) {
            runWithOneCrash(3, "run-tool-retry", model, store, bed);
            assertThat(bed.notes.keys()).hasSize(1); // the retry found the result in the transcript
        }
    }
}
