package dev.guild.workflows;

import dev.guild.agents.AgentLimits;
import dev.guild.agents.AgentOutcome;
import dev.guild.agents.AgentSpec;
import dev.guild.agents.ModelSettings;
import dev.guild.workflows.approval.ApprovalPolicy;
import dev.guild.workflows.definition.DefinitionRepository;
import dev.guild.workflows.testing.ScriptedChatModel;
import dev.guild.workflows.testing.WorkflowTestBed;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static dev.guild.workflows.testing.ScriptedChatModel.answer;
import static dev.guild.workflows.testing.ScriptedChatModel.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Long agent runs: 200 steps (a scripted model calling a tool 199 times, then answering) keep every workflow
 * execution's history under 1 MB, because transcripts stay in the transcript store and the agent continues as new
 * when Temporal suggests it or its history passes {@code AgentLoop.HISTORY_LIMIT_BYTES}; the transcript,
 * the tool calls and the budgets carry over.
 */
class LongRunTest {

    private static final long ONE_MB = 1024 * 1024;
    /** These runs are about history size, not approvals: take_note runs unattended. */
    private static final ApprovalPolicy UNATTENDED = new ApprovalPolicy(List.of("take_note"), 3600,
            ApprovalPolicy.REJECT, null, 0, ApprovalPolicy.CONTINUE);

    /** The history of each execution of {@code workflowId}, following continue-as-new from {@code first}. */
    private static List<WorkflowExecutionHistory> executions(WorkflowTestBed bed, String workflowId, String first) {
        List<WorkflowExecutionHistory> histories = new ArrayList<>();
        String runId = first;
        while (runId != null) {
            WorkflowExecutionHistory history = bed.client().fetchHistory(workflowId, runId);
            histories.add(history);
            HistoryEvent last = history.getLastEvent();
            runId = last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
                    ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId() : null;
        }
        return histories;
    }

    private static List<ChatResponse> script(int toolCalls, boolean answerAtEnd) {
        List<ChatResponse> replies = new ArrayList<>();
        for (int i = 1; i <= toolCalls; i++) {
            replies.add(toolCall("n" + i, "take_note", "{\"text\":\"note " + i + "\"}", 100, 10));
        }
        if (answerAtEnd) {
            replies.add(answer("noted 199 things", 100, 5));
        }
        return replies;
    }

    @Test
    void an_agent_of_200_steps_keeps_each_history_under_1_mb_and_continues_as_new_without_losing_anything() {
        ScriptedChatModel model = new ScriptedChatModel(script(199, true));
        try (WorkflowTestBed bed = new WorkflowTestBed(model)) {
            AgentSpec spec = new AgentSpec("noter", "Take every note you are asked to.", List.of("take_note"),
                    ModelSettings.DEFAULTS, new AgentLimits(200, 1_000_000, 3600));
            AgentWorkflow agent = bed.newWorkflow(AgentWorkflow.class, "long-1");
            WorkflowExecution first = WorkflowClient.start(agent::run,
                    new AgentRequest("long-1", "notes", spec, "Take 199 notes.", "notes", 1, null, 0, UNATTENDED));
            AgentResult result = WorkflowStub.fromTyped(agent).getResult(AgentResult.class);

            assertThat(result.outcome()).isEqualTo(AgentOutcome.FINAL_ANSWER);
            assertThat(result.answer()).isEqualTo("noted 199 things");
            assertThat(result.steps()).isEqualTo(200);
            assertThat(result.tokens()).isEqualTo(199 * 110 + 105);
            assertThat(result.toolCalls()).hasSize(199).allSatisfy(call -> assertThat(call.ok()).isTrue());
            assertThat(bed.notes.effects()).hasSize(199).doesNotHaveDuplicates();
            assertThat(model.calls()).isEqualTo(200);
            // system + task, then per tool step the model's message and the tool's result, then the answer
            assertThat(bed.transcripts.load("long-1", "notes", 0, 10_000)).hasSize(2 + 199 * 2 + 1);
            assertThat(result.messageCount()).isEqualTo(2 + 199 * 2 + 1);

            List<WorkflowExecutionHistory> executions = executions(bed, "long-1", first.getRunId());
            assertThat(executions).as("continued as new at least once").hasSizeGreaterThan(1);
            for (WorkflowExecutionHistory history : executions) {
                assertThat((long) history.getHistory().getSerializedSize()).as("history bytes of one execution")
                        .isLessThan(ONE_MB);
            }
            long total = executions.stream().mapToLong(h -> h.getHistory().getSerializedSize()).sum();
            System.out.printf("200-step agent: %d executions, %d history bytes in all, largest %d%n", executions.size(),
                    total, executions.stream().mapToLong(h -> h.getHistory().getSerializedSize()).max().orElseThrow());
        }
    }

    @Test
    void the_step_budget_holds_across_continue_as_new() {
        ScriptedChatModel model = new ScriptedChatModel(script(60, false));
        try (WorkflowTestBed bed = new WorkflowTestBed(model)) {
            AgentSpec spec = new AgentSpec("noter", "Take notes.", List.of("take_note"), ModelSettings.DEFAULTS,
                    new AgentLimits(45, 1_000_000, 3600));
            AgentResult result = bed.newWorkflow(AgentWorkflow.class, "long-2")
                    .run(new AgentRequest("long-2", "notes", spec, "Take notes forever.", "notes", 1, null, 20, UNATTENDED));

            assertThat(result.outcome()).isEqualTo(AgentOutcome.MAX_STEPS);
            assertThat(result.steps()).isEqualTo(45);
            assertThat(model.calls()).isEqualTo(45);
            assertThat(result.tokens()).isEqualTo(45 * 110);
            assertThat(bed.notes.effects()).hasSize(45);
            assertThat(bed.transcripts.load("long-2", "notes", 0, 10_000)).hasSize(2 + 45 * 2);
        }
    }

    @Test
    void an_inline_agent_that_outgrows_its_runs_history_goes_on_in_a_child_without_losing_anything() throws Exception {
        ScriptedChatModel model = new ScriptedChatModel(script(199, true));
        String yaml = """
                document: {dsl: '1.0.0', namespace: test, name: long-inline, version: '1.0.0'}
                do:
                  - notes:
                      call: agent
                      with:
                        instructions: Take every note you are asked to.
                        prompt: Take 199 notes.
                        tools: [take_note]
                        limits: {maxSteps: 200, maxTokens: 1000000, deadline: PT1H}
                        approval: {unattended: [take_note]}
                  - done:
                      set:
                        answer: ${ .answer }
                        steps: ${ .steps }
                """;
        try (WorkflowTestBed bed = new WorkflowTestBed(model)) {
            RunRequest request = DefinitionRepository.parse("long-inline.yaml", yaml, bed.tools)
                    .runRequest("long-3", new RunTrigger("api", "test", null), "{}");
            RunResult result = bed.newWorkflow(RunWorkflow.class, "long-3").run(request);

            assertThat(result.error()).isNull();
            assertThat(result.output()).isEqualTo("{\"answer\":\"noted 199 things\",\"steps\":200}");
            assertThat(bed.notes.effects()).hasSize(199).doesNotHaveDuplicates();
            assertThat(model.calls()).isEqualTo(200);
            assertThat(bed.transcripts.load("long-3", "notes", 0, 10_000)).hasSize(2 + 199 * 2 + 1);
            WorkflowExecutionHistory run = bed.client().fetchHistory("long-3");
            assertThat((long) run.getHistory().getSerializedSize()).as("the run's history").isLessThan(ONE_MB);
            List<WorkflowExecutionHistory> child = executions(bed, "long-3/notes",
                    bed.client().fetchHistory("long-3/notes").getHistory().getEvents(0).getWorkflowExecutionStartedEventAttributes()
                            .getOriginalExecutionRunId());
            assertThat(child).as("the loop went on in a child AgentWorkflow").isNotEmpty();
            assertThat(bed.events.events("long-3")).extracting(RunEvent::sequence).as("one sequence, no gap, no repeat")
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, bed.events.events("long-3").size()).boxed().toList());
            assertThat(bed.events.types("long-3")).filteredOn(RunEventTypes.TOOL_COMPLETED::equals).hasSize(199);
            assertThat(bed.client().newWorkflowStub(RunWorkflow.class, "long-3").status().toolCalls()).hasSize(199);
        }
    }
}
