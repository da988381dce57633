package dev.guild.workflows.approval;

import dev.guild.agents.AgentLimits;
import dev.guild.agents.AgentSpec;
import dev.guild.agents.ModelSettings;
import dev.guild.workflows.AgentRequest;
import dev.guild.workflows.AgentResult;
import dev.guild.workflows.AgentWorkflow;
import dev.guild.workflows.RunResult;
import dev.guild.workflows.RunState;
import dev.guild.workflows.testing.ScriptedChatModel;
import dev.guild.workflows.testing.WorkflowTestBed;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.guild.workflows.testing.ScriptedChatModel.answer;
import static dev.guild.workflows.testing.ScriptedChatModel.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records the approval-path histories that {@code ReplayTest} replays (approved agent call, escalated then timed-out
 * agent call, approved tool call task). It writes only its own files:
 * {@code mvn -pl tools,agents,workflows verify -Dtest=ApprovalHistoriesRecorder -Dguild.recordHistories=true}
 */
@EnabledIfSystemProperty(named = "guild.recordHistories", matches = "true")
class ApprovalHistoriesRecorder {

    static final Path HISTORIES = Path.of("src", "test", "resources", "histories");

    @Test
    void record() throws Exception {
        ScriptedChatModel model = ScriptedChatModel.of(
                toolCall("n1", "take_note", "{\"text\":\"approved\"}", 10, 1), answer("noted", 10, 1),
                toolCall("n2", "take_note", "{\"text\":\"escalated\"}", 10, 1), answer("gave up", 10, 1));
        try (WorkflowTestBed bed = new WorkflowTestBed(model)) {
            AgentSpec spec = new AgentSpec("noter", "Take notes.", List.of("take_note"), ModelSettings.DEFAULTS, AgentLimits.DEFAULTS);
            AgentWorkflow approved = bed.newWorkflow(AgentWorkflow.class, "replay-approval-approved");
            WorkflowClient.start(approved::run, new AgentRequest("replay-approval-approved", "notes", spec, "Note it",
                    "notes", 1, null, 0, ApprovalPolicy.DEFAULT));
            WorkflowStub stub = WorkflowStub.fromTyped(approved);
            ApprovalView pending = ApprovalWorkflowTest.awaitPending(stub);
            stub.update(Approvals.DECIDE, ApprovalView.class,
                    new ApprovalDecision(pending.approvalId(), "approve", pending.hash(), "ok", "ada"));
            assertThat(stub.getResult(AgentResult.class).answer()).isEqualTo("noted");

            ApprovalPolicy escalate = new ApprovalPolicy(List.of(), 600, ApprovalPolicy.ESCALATE, "leads", 600,
                    ApprovalPolicy.CONTINUE);
            AgentResult timedOut = bed.newWorkflow(AgentWorkflow.class, "replay-approval-escalated")
                    .run(new AgentRequest("replay-approval-escalated", "notes", spec, "Note it", "notes", 1, null, 0, escalate));
            assertThat(timedOut.answer()).isEqualTo("gave up");

            String definition = """
                    document: {dsl: '1.0.0', namespace: test, name: approve-note, version: '1.0.0'}
                    do:
                      - note:
                          call: take_note
                          with: {text: task}
                    """;
            WorkflowStub taskStub = ApprovalWorkflowTest.startRun(bed, "replay-approval-task", definition);
            ApprovalView held = ApprovalWorkflowTest.awaitPending(taskStub);
            taskStub.update(Approvals.DECIDE, ApprovalView.class,
                    new ApprovalDecision(held.approvalId(), "approve", held.hash(), null, "ada"));
            assertThat(taskStub.getResult(RunResult.class).state()).isEqualTo(RunState.COMPLETED);

            Files.createDirectories(HISTORIES);
            save(bed, "replay-approval-approved", "agent-approval-approved.json");
            save(bed, "replay-approval-escalated", "agent-approval-escalated.json");
            save(bed, "replay-approval-task", "run-approval-task.json");
        }
    }

    private static void save(WorkflowTestBed bed, String workflowId, String file) throws IOException {
        Files.writeString(HISTORIES.resolve(file), bed.client().fetchHistory(workflowId).toJson(true));
    }
}
