package dev.guild.workflows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.tools.ToolCall;
import dev.guild.tools.ToolRegistry;
import dev.guild.tools.ToolResult;
import dev.guild.workflows.definition.WorkflowDefinition;
import dev.guild.workflows.schedule.DefinitionSchedules;
import dev.guild.workflows.schedule.ScheduleRequest;
import dev.guild.workflows.schedule.ScheduleSpec;
import dev.guild.workflows.schedule.ScheduleView;
import dev.guild.workflows.schedule.ScheduleWorkflow;
import dev.guild.workflows.testing.Examples;
import dev.guild.workflows.testing.ScriptedChatModel;
import dev.guild.workflows.testing.WorkflowTestBed;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static dev.guild.workflows.testing.ScriptedChatModel.answer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/daily-report.yaml end to end: its schedule (weekdays 07:00 UTC) fires on Temporal's test server with
 * time skipping, the run searches the knowledge base for three topics in a fork (the real search_knowledge over
 * three ingested documents), and the scripted reporter agent gets all three branches' passages.
 */
class DailyReportExampleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REPORT = "Incidents: the queue outage is resolved. Releases: 2.4 shipped. Customers: Acme renewed.";

    @TempDir
    Path dir;

    private static void ingest(ToolRegistry tools, String sourceId, String text) throws IOException {
        String args = JSON.createObjectNode().put("content", text).put("sourceId", sourceId).toString();
        ToolResult result = tools.invoke(new ToolCall("ingest_document", "setup/" + sourceId, JSON.readTree(args)));
        assertThat(result.ok()).as(result.error()).isTrue();
    }

    @Test
    void the_schedule_fires_and_the_reporter_gets_every_branch_of_the_fork() throws Exception {
        ToolRegistry tools = Examples.tools(dir);
        ingest(tools, "ops:incidents", "Incidents: the message queue outage of Monday is resolved; root cause a full disk.");
        ingest(tools, "ops:releases", "Releases: version 2.4 shipped on Tuesday with the approval inbox.");
        ingest(tools, "ops:customers", "Customers: Acme renewed their contract for three years.");
        // later fires (time skipping may reach them before the bed closes) get the same answer
        ScriptedChatModel model = ScriptedChatModel.of(answer(REPORT, 500, 40), answer(REPORT, 500, 40),
                answer(REPORT, 500, 40));
        try (WorkflowTestBed bed = new WorkflowTestBed(model, tools)) {
            WorkflowDefinition definition = Examples.load("daily-report", bed.tools);
            bed.definitions.add(definition);
            ScheduleSpec spec = DefinitionSchedules.of(definition).orElseThrow();
            assertThat(spec.scheduleId()).isEqualTo("daily-report");
            assertThat(spec.cron()).isEqualTo("0 7 * * 1-5");
            assertThat(JSON.readTree(spec.input()).get("topics")).hasSize(3);

            ScheduleWorkflow scheduler = bed.client().newWorkflowStub(ScheduleWorkflow.class, WorkflowOptions.newBuilder()
                    .setTaskQueue(TaskQueues.SCHEDULES).setWorkflowId(ScheduleWorkflow.workflowId(spec.scheduleId())).build());
            WorkflowClient.start(scheduler::run, ScheduleRequest.start(spec));
            Instant next = Instant.parse(scheduler.describe().nextFireAt());
            assertThat(next.atOffset(ZoneOffset.UTC).getHour()).isEqualTo(7);
            assertThat(next.atOffset(ZoneOffset.UTC).getDayOfWeek().getValue()).isBetween(1, 5);
            bed.env.sleep(Duration.ofMillis(next.toEpochMilli() - bed.env.currentTimeMillis()).plusMinutes(1));

            ScheduleView view = scheduler.describe();
            assertThat(view.fired()).isGreaterThanOrEqualTo(1);
            String runId = view.recent().getFirst().replaceAll(".*run ", "");
            assertThat(runId).startsWith("sched-daily-report-");
            RunResult result = bed.client().newUntypedWorkflowStub(runId).getResult(RunResult.class);

            assertThat(result.error()).isNull();
            assertThat(JSON.readTree(result.output())).isEqualTo(JSON.createObjectNode().put("report", REPORT));
            assertThat(bed.events.events(runId).getFirst().data()).contains("\"kind\":\"schedule\"");
            String prompt = model.requests().getFirst().messages().toString();
            assertThat(prompt).as("each branch's passages reach the agent")
                    .contains("full disk").contains("version 2.4").contains("Acme renewed")
                    .contains("incidents").contains("releases").contains("customers");
        }
    }
}
