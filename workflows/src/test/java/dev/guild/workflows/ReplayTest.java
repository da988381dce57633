package dev.guild.workflows;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Replays saved histories (recorded by {@link ReplayHistoriesRecorder}) against the current workflow code: a change
 * that breaks determinism (a new activity, a reordered event, a different jq evaluation) fails here. Guard intended
 * changes with {@code Workflow.getVersion} and record new histories next to the old ones.
 */
class ReplayTest {

    @BeforeAll
    static void warmUp() {
        GuildWorkers.warmUp(); // as the worker does at registration
    }

    @ParameterizedTest
    @ValueSource(strings = {"run-hello-agent.json", "agent-greet.json", "run-hello.json", "agent-continued.json",
            "agent-approval-approved.json", "agent-approval-escalated.json", "run-approval-task.json"})
    void saved_history_replays_on_the_current_code(String file) {
        assertThatCode(() -> WorkflowReplayer.replayWorkflowExecutionFromResource("histories/" + file,
                GuildWorkers.WORKFLOW_IMPLEMENTATIONS.getFirst(),
                GuildWorkers.WORKFLOW_IMPLEMENTATIONS.subList(1, GuildWorkers.WORKFLOW_IMPLEMENTATIONS.size())
                        .toArray(Class<?>[]::new)))
                .doesNotThrowAnyException();
    }
}
