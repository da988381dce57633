package dev.guild.workflows;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import dev.guild.workflows.testing.Histories;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Replays saved histories (recorded by {@link ReplayHistoriesRecorder}) against the current workflow code: a change
 * that breaks determinism (a new activity, a reordered event, a different jq evaluation) fails here. Guard intended
 * changes with {@code Workflow.getVersion} and record new histories next to the old ones: the tests that call
 * {@link Histories#record} save them with {@code -Dguild.recordHistories=true}, e.g.
 * {@code mvn -pl tools,agents,workflows -am verify -Dtest='ControlTasksTest,EffectTasksTest' -Dsurefire.failIfNoSpecifiedTests=false -Dguild.recordHistories=true}.
 */
class ReplayTest {

    @BeforeAll
    static void warmUp() {
        GuildWorkers.warmUp(); // as the worker does at registration
    }

    /** Every saved history: those without "profile" predate the full profile (profile version -1), the others cover each task type. */
    static Stream<String> histories() throws IOException {
        try (Stream<Path> files = Files.list(Histories.DIRECTORY)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json")).sorted().toList().stream();
        }
    }

    @Test
    void histories_of_every_task_type_are_saved() throws IOException {
        assertThat(histories().toList()).contains("run-hello.json", "run-hello-agent.json", "agent-greet.json",
                "agent-continued.json", "profile-data-flow.json", "profile-do.json", "profile-switch.json",
                "profile-for.json", "profile-fork.json", "profile-fork-compete.json", "profile-try-retry.json",
                "profile-try-catch.json", "profile-wait.json", "profile-raise.json", "profile-emit.json",
                "profile-listen.json", "profile-http.json", "profile-agent.json", "profile-agent-classify.json", "profile-agent-inline.json",
                "profile-run-parent.json", "profile-run-child.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("histories")
    void saved_history_replays_on_the_current_code(String file) {
        assertThatCode(() -> WorkflowReplayer.replayWorkflowExecutionFromResource("histories/" + file,
                GuildWorkers.WORKFLOW_IMPLEMENTATIONS.getFirst(),
                GuildWorkers.WORKFLOW_IMPLEMENTATIONS.subList(1, GuildWorkers.WORKFLOW_IMPLEMENTATIONS.size())
                        .toArray(Class<?>[]::new)))
                .doesNotThrowAnyException();
    }
}
