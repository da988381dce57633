package dev.guild.workflows;

import dev.guild.agents.AgentLimits;
import dev.guild.agents.AgentSpec;
import dev.guild.agents.ModelSettings;
import dev.guild.workflows.testing.ScriptedChatModel;
import dev.guild.workflows.testing.WorkflowTestBed;
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
 * Recorded the four histories from before the full profile ({@code run-hello.json}, ...), which {@link ReplayTest}
 * keeps replaying to guard the legacy path ({@code Workflow.getVersion} = default). Never overwrite them: a run now
 * saves {@code *-current.json} copies instead. The profile's histories come from the tests that call
 * {@link dev.guild.workflows.testing.Histories#record}.
 * {@code mvn -pl tools,agents,workflows verify -Dtest=ReplayHistoriesRecorder -Dguild.recordHistories=true}
 */
@EnabledIfSystemProperty(named = "guild.recordHistories", matches = "true")
class ReplayHistoriesRecorder {

    static final Path HISTORIES = Path.of("src", "test", "resources", "histories");

    @Test
    void record() throws IOException {
        ScriptedChatModel model = ScriptedChatModel.of(
                toolCall("c1", "render_template", "{\"template\":\"Welcome, {{name}}!\",\"values\":{\"name\":\"Ada\"}}", 40, 12),
                answer("Welcome, Ada!", 60, 4),
                toolCall("n1", "take_note", "{\"text\":\"one\"}", 10, 1),
                toolCall("n2", "take_note", "{\"text\":\"two\"}", 10, 1),
                answer("noted", 10, 1));
        try (WorkflowTestBed bed = new WorkflowTestBed(model)) {
            RunTrigger trigger = new RunTrigger("webhook", "hello", "msg_replay");
            RunResult agentRun = bed.newWorkflow(RunWorkflow.class, "replay-hello-agent")
                    .run(dev.guild.workflows.testing.Examples.load("hello-agent", bed.tools).runRequest("replay-hello-agent", trigger, "{\"name\":\"Ada\"}"));
            RunResult toolRun = bed.newWorkflow(RunWorkflow.class, "replay-hello")
                    .run(dev.guild.workflows.testing.Examples.load("hello", bed.tools).runRequest("replay-hello", trigger, "{\"name\":\"Ada\"}"));
            AgentSpec spec = new AgentSpec("noter", "Take notes.", List.of("take_note"), ModelSettings.DEFAULTS, AgentLimits.DEFAULTS);
            AgentResult continued = bed.newWorkflow(AgentWorkflow.class, "replay-agent-continued")
                    .run(new AgentRequest("replay-agent-continued", "notes", spec, "Note one and two", "notes", 1, null, 2));
            assertThat(agentRun.state()).isEqualTo(RunState.COMPLETED);
            assertThat(toolRun.state()).isEqualTo(RunState.COMPLETED);
            assertThat(continued.steps()).isEqualTo(3);

            Files.createDirectories(HISTORIES);
            save(bed, "replay-hello-agent", "run-hello-agent-current.json");
            save(bed, "replay-hello-agent/greet", "agent-greet-current.json");
            save(bed, "replay-hello", "run-hello-current.json");
            save(bed, "replay-agent-continued", "agent-continued-current.json");
        }
    }

    private static void save(WorkflowTestBed bed, String workflowId, String file) throws IOException {
        String json = bed.client().fetchHistory(workflowId).toJson(true);
        Files.writeString(HISTORIES.resolve(file), json);
    }
}
