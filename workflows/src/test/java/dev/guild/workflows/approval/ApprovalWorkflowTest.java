package dev.guild.workflows.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.agents.AgentLimits;
import dev.guild.agents.AgentOutcome;
import dev.guild.agents.AgentSpec;
import dev.guild.agents.ModelSettings;
import dev.guild.workflows.AgentRequest;
import dev.guild.workflows.AgentResult;
import dev.guild.workflows.AgentWorkflow;
import dev.guild.workflows.RunEvent;
import dev.guild.workflows.RunEventTypes;
import dev.guild.workflows.RunRequest;
import dev.guild.workflows.RunResult;
import dev.guild.workflows.RunState;
import dev.guild.workflows.RunTrigger;
import dev.guild.workflows.RunWorkflow;
import dev.guild.workflows.definition.DefinitionRepository;
import dev.guild.workflows.testing.ScriptedChatModel;
import dev.guild.workflows.testing.WorkflowTestBed;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.guild.workflows.testing.ScriptedChatModel.answer;
import static dev.guild.workflows.testing.ScriptedChatModel.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Approval flows on the Temporal test server: approve, reject, timeout, escalation, refused decisions. */
class ApprovalWorkflowTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOTE = "{\"text\":\"book the hotel\"}";

    private static AgentRequest agent(String runId, ApprovalPolicy policy) {
        AgentSpec spec = new AgentSpec("noter", "Take notes.", List.of("take_note"), ModelSettings.DEFAULTS, AgentLimits.DEFAULTS);
        return new AgentRequest(runId, "notes", spec, "Note the booking", "notes", 1, null, 0, policy);
    }

    private static WorkflowStub startAgent(WorkflowTestBed bed, String runId, ApprovalPolicy policy) {
        AgentWorkflow workflow = bed.newWorkflow(AgentWorkflow.class, runId);
        WorkflowClient.start(workflow::run, agent(runId, policy));
        return WorkflowStub.fromTyped(workflow);
    }

    /** Waits (wall clock, time skipping stays locked) until the workflow holds a pending approval. */
    static ApprovalView awaitPending(WorkflowStub stub) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            ApprovalView[] views = stub.query(Approvals.LIST, ApprovalView[].class);
            for (ApprovalView view : views) {
                if (view.pending()) {
                    return view;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no pending approval within 20 s");
    }

    /** Starts a run of {@code definition} (YAML) and returns its stub. */
    static WorkflowStub startRun(WorkflowTestBed bed, String runId, String definition) {
        RunRequest request = DefinitionRepository.parse(runId + ".yaml", definition, bed.tools)
                .runRequest(runId, new RunTrigger("api", "test", "d1"), "{}");
        RunWorkflow workflow = bed.newWorkflow(RunWorkflow.class, runId);
        WorkflowClient.start(workflow::run, request);
        return WorkflowStub.fromTyped(workflow);
    }

    private static ApprovalView decide(WorkflowStub stub, ApprovalDecision decision) {
        return stub.update(Approvals.DECIDE, ApprovalView.class, decision);
    }

    private static String refusal(Throwable thrown) {
        return Approvals.refusal(thrown).map(Approvals.Refusal::type).orElse("none in " + thrown);
    }

    @Test
    void an_approved_call_runs_once_and_the_decision_is_recorded() throws Exception {
        ScriptedChatModel model = ScriptedChatModel.of(toolCall("n1", "take_note", NOTE, 10, 1), answer("noted", 10, 1));
        try (WorkflowTestBed bed = new WorkflowTestBed(model)) {
            WorkflowStub stub = startAgent(bed, "ap-approve", ApprovalPolicy.DEFAULT);
            ApprovalView pending = awaitPending(stub);

            assertThat(pending.tool()).isEqualTo("take_note");
            assertThat(pending.hash()).isEqualTo(ApprovalHash.of("take_note", NOTE));
            assertThat(JSON.readTree(pending.arguments())).isEqualTo(JSON.readTree(NOTE));
            assertThat(pending.workflowId()).isEqualTo("ap-approve");
            assertThat(bed.notes.effects()).as("nothing happens before the decision").isEmpty();
            awaitEvent(bed, "ap-approve", RunEventTypes.APPROVAL_REQUESTED); // published while the call waits

            ApprovalView decided = decide(stub, new ApprovalDecision(pending.approvalId(), "approve", pending.hash(),
                    "fine", "ada@example.org"));
            assertThat(decided.state()).isEqualTo(ApprovalView.APPROVED);
            AgentResult result = stub.getResult(AgentResult.class);

            assertThat(result.outcome()).isEqualTo(AgentOutcome.FINAL_ANSWER);
            assertThat(bed.notes.effects()).containsExactly("book the hotel");
            assertThat(bed.events.types("ap-approve")).containsSubsequence(RunEventTypes.TOOL_CALLED,
                    RunEventTypes.APPROVAL_REQUESTED, RunEventTypes.APPROVAL_DECIDED, RunEventTypes.TOOL_COMPLETED);
            JsonNode requested = data(bed, "ap-approve", RunEventTypes.APPROVAL_REQUESTED);
            assertThat(requested.get("approvalId").asText()).isEqualTo(pending.approvalId());
            assertThat(requested.get("hash").asText()).isEqualTo(pending.hash());
            assertThat(requested.get("arguments")).isEqualTo(JSON.readTree(NOTE));
            assertThat(requested.get("expiresAt").asText()).isNotBlank();
            JsonNode decision = data(bed, "ap-approve", RunEventTypes.APPROVAL_DECIDED);
            assertThat(decision.get("decision").asText()).isEqualTo("approved");
            assertThat(decision.get("decidedBy").asText()).isEqualTo("ada@example.org");
            assertThat(decision.get("comment").asText()).isEqualTo("fine");
        }
    }

    @Test
    void a_mismatched_hash_an_unknown_id_and_a_second_decision_are_refused() throws Exception {
        ScriptedChatModel model = ScriptedChatModel.of(toolCall("n1", "take_note", NOTE, 10, 1), answer("noted", 10, 1));
        try (WorkflowTestBed bed = new WorkflowTestBed(model)) {
            WorkflowStub stub = startAgent(bed, "ap-refuse", ApprovalPolicy.DEFAULT);
            ApprovalView pending = awaitPending(stub);
            String otherCall = ApprovalHash.of("take_note", "{\"text\":\"book the suite\"}");

            assertThatThrownBy(() -> decide(stub, new ApprovalDecision(pending.approvalId(), "approve", otherCall, null, "ada")))
                    .isInstanceOf(WorkflowUpdateException.class)
                    .satisfies(e -> assertThat(refusal(e)).isEqualTo(Approvals.HASH_MISMATCH))
                    .satisfies(e -> assertThat(Approvals.refusal(e).orElseThrow().message())
                            .contains(otherCall).contains(pending.hash()));
            assertThatThrownBy(() -> decide(stub, new ApprovalDecision("nope", "approve", pending.hash(), null, "ada")))
                    .satisfies(e -> assertThat(refusal(e)).isEqualTo(Approvals.UNKNOWN));
            assertThatThrownBy(() -> decide(stub, new ApprovalDecision(pending.approvalId(), "maybe", pending.hash(), null, "ada")))
                    .satisfies(e -> assertThat(refusal(e)).isEqualTo(Approvals.BAD_DECISION));
            assertThat(bed.notes.effects()).as("a refused decision approves nothing").isEmpty();

            decide(stub, new ApprovalDecision(pending.approvalId(), "approve", pending.hash(), null, "ada"));
            assertThatThrownBy(() -> decide(stub, new ApprovalDecision(pending.approvalId(), "reject", pending.hash(), null, "bob")))
                    .satisfies(e -> assertThat(refusal(e)).isEqualTo(Approvals.ALREADY_DECIDED));
            stub.getResult(AgentResult.class);
            assertThat(bed.notes.effects()).hasSize(1);
        }
    }

    @Test
    void a_rejected_call_is_reported_to_the_agent_which_continues() throws Exception {
        ScriptedChatModel model = ScriptedChatModel.of(toolCall("n1", "take_note", NOTE, 10, 1), answer("not booked", 10, 1));
        try (WorkflowTestBed bed = new WorkflowTestBed(model)) {
            WorkflowStub stub = startAgent(bed, "ap-reject", ApprovalPolicy.DEFAULT);
            ApprovalView pending = awaitPending(stub);
            decide(stub, new ApprovalDecision(pending.approvalId(), "reject", pending.hash(), "too expensive", "bob"));
            AgentResult result = stub.getResult(AgentResult.class);

            assertThat(result.outcome()).isEqualTo(AgentOutcome.FINAL_ANSWER);
            assertThat(result.answer()).isEqualTo("not booked");
            assertThat(bed.notes.effects()).isEmpty();
            ToolExecutionResultMessage told = (ToolExecutionResultMessage) model.requests().get(1).messages().getLast();
            assertThat(told.text()).contains("rejected by bob: too expensive");
            assertThat(result.toolCalls()).singleElement().satisfies(call -> assertThat(call.ok()).isFalse());
            assertThat(data(bed, "ap-reject", RunEventTypes.APPROVAL_DECIDED).get("decision").asText()).isEqualTo("rejected");
        }
    }

    @Test
    void a_rejection_stops_the_agent_when_the_definition_says_stop() throws Exception {
        ScriptedChatModel model = ScriptedChatModel.of(toolCall("n1", "take_note", NOTE, 10, 1));
        ApprovalPolicy stop = new ApprovalPolicy(List.of(), 3600, ApprovalPolicy.REJECT, null, 0, ApprovalPolicy.STOP);
        try (WorkflowTestBed bed = new WorkflowTestBed(model)) {
            WorkflowStub stub = startAgent(bed, "ap-stop", stop);
            ApprovalView pending = awaitPending(stub);
            decide(stub, new ApprovalDecision(pending.approvalId(), "reject", pending.hash(), null, "bob"));
            AgentResult result = stub.getResult(AgentResult.class);

            assertThat(result.outcome()).isEqualTo(AgentOutcome.FAILED);
            assertThat(result.reason()).contains("rejected by bob").contains("onReject: stop");
            assertThat(model.requests()).hasSize(1);
        }
    }

    @Test
    void the_timeout_rejects_on_a_durable_timer() {
        ScriptedChatModel model = ScriptedChatModel.of(toolCall("n1", "take_note", NOTE, 10, 1), answer("gave up", 10, 1));
        try (WorkflowTestBed bed = new WorkflowTestBed(model)) {
            WorkflowStub stub = startAgent(bed, "ap-timeout", ApprovalPolicy.DEFAULT); // 24 h, skipped
            AgentResult result = stub.getResult(AgentResult.class);

            assertThat(result.outcome()).isEqualTo(AgentOutcome.FINAL_ANSWER);
            assertThat(bed.notes.effects()).isEmpty();
            JsonNode decided = data(bed, "ap-timeout", RunEventTypes.APPROVAL_DECIDED);
            assertThat(decided.get("decision").asText()).isEqualTo("rejected");
            assertThat(decided.get("decidedBy").asText()).isEqualTo(ApprovalView.TIMEOUT);
            assertThat(decided.get("comment").asText()).contains("PT24H");
        }
    }

    @Test
    void the_timeout_escalates_then_rejects_when_configured() {
        ScriptedChatModel model = ScriptedChatModel.of(toolCall("n1", "take_note", NOTE, 10, 1), answer("gave up", 10, 1));
        ApprovalPolicy escalate = new ApprovalPolicy(List.of(), 3600, ApprovalPolicy.ESCALATE, "team-leads", 7200,
                ApprovalPolicy.CONTINUE);
        try (WorkflowTestBed bed = new WorkflowTestBed(model)) {
            WorkflowStub stub = startAgent(bed, "ap-escalate", escalate);
            stub.getResult(AgentResult.class);

            assertThat(bed.events.types("ap-escalate")).containsSubsequence(RunEventTypes.APPROVAL_REQUESTED,
                    RunEventTypes.APPROVAL_ESCALATED, RunEventTypes.APPROVAL_DECIDED);
            assertThat(data(bed, "ap-escalate", RunEventTypes.APPROVAL_ESCALATED).get("escalateTo").asText())
                    .isEqualTo("team-leads");
            assertThat(data(bed, "ap-escalate", RunEventTypes.APPROVAL_DECIDED).get("comment").asText()).contains("PT3H");
        }
    }

    @Test
    void unattended_tools_and_tools_without_side_effects_are_not_held() {
        ScriptedChatModel model = ScriptedChatModel.of(
                toolCall("n1", "take_note", NOTE, 10, 1),
                toolCall("r1", "render_template", "{\"template\":\"x\",\"values\":{}}", 10, 1),
                answer("done", 10, 1));
        ApprovalPolicy unattended = new ApprovalPolicy(List.of("take_note"), 3600, ApprovalPolicy.REJECT, null, 0,
                ApprovalPolicy.CONTINUE);
        try (WorkflowTestBed bed = new WorkflowTestBed(model)) {
            AgentResult result = startAgent(bed, "ap-unattended", unattended).getResult(AgentResult.class);

            assertThat(result.outcome()).isEqualTo(AgentOutcome.FINAL_ANSWER);
            assertThat(bed.notes.effects()).hasSize(1);
            assertThat(bed.events.types("ap-unattended")).doesNotContain(RunEventTypes.APPROVAL_REQUESTED);
        }
    }

    @Test
    void a_tool_call_task_is_held_and_a_rejection_fails_it_or_continues_as_defined() throws Exception {
        String definition = """
                document: {dsl: '1.0.0', namespace: test, name: approve-note, version: '1.0.0'}
                do:
                  - note:
                      call: take_note
                      with: {text: hello}
                  - tolerant:
                      call: take_note
                      with: {text: again}
                      metadata:
                        approval: {onReject: continue, timeout: PT1H}
                """;
        try (WorkflowTestBed bed = new WorkflowTestBed(ScriptedChatModel.of())) {
            WorkflowStub stub = startRun(bed, "ap-task", definition);
            ApprovalView first = awaitPending(stub);
            assertThat(first.step()).isEqualTo("note");
            assertThat(first.hash()).isEqualTo(ApprovalHash.of("take_note", "{\"text\":\"hello\"}"));
            decide(stub, new ApprovalDecision(first.approvalId(), "approve", first.hash(), null, "ada"));
            ApprovalView second = awaitPending(stub);
            decide(stub, new ApprovalDecision(second.approvalId(), "reject", second.hash(), "no", "ada"));
            RunResult result = stub.getResult(RunResult.class);

            assertThat(result.state()).isEqualTo(RunState.COMPLETED);
            assertThat(bed.notes.effects()).containsExactly("hello");
            JsonNode output = JSON.readTree(result.output());
            assertThat(output.get("approved").asBoolean()).isFalse();
            assertThat(output.get("decidedBy").asText()).isEqualTo("ada");
            assertThat(output.get("approvalId").asText()).isEqualTo(second.approvalId());
        }
    }

    @Test
    void a_rejected_tool_call_task_fails_the_run_by_default() throws Exception {
        String definition = """
                document: {dsl: '1.0.0', namespace: test, name: strict-note, version: '1.0.0'}
                do:
                  - note:
                      call: take_note
                      with: {text: hello}
                """;
        try (WorkflowTestBed bed = new WorkflowTestBed(ScriptedChatModel.of())) {
            WorkflowStub stub = startRun(bed, "ap-strict", definition);
            ApprovalView pending = awaitPending(stub);
            decide(stub, new ApprovalDecision(pending.approvalId(), "reject", pending.hash(), "no", "ada"));
            RunResult result = stub.getResult(RunResult.class);

            assertThat(result.state()).isEqualTo(RunState.FAILED);
            assertThat(result.error()).contains("task 'note' failed").contains("rejected by ada: no");
            assertThat(bed.notes.effects()).isEmpty();
        }
    }

    /** Waits (wall clock) until the run has published an event of {@code type}. */
    static void awaitEvent(WorkflowTestBed bed, String runId, String type) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!bed.events.types(runId).contains(type)) {
            assertThat(System.nanoTime()).as("a %s event of %s within 20 s; got %s", type, runId,
                    bed.events.types(runId)).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    static JsonNode data(WorkflowTestBed bed, String runId, String type) {
        RunEvent event = bed.events.events(runId).stream().filter(e -> e.type().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " event in " + bed.events.types(runId)));
        try {
            return JSON.readTree(event.data());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
