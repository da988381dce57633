package dev.guild.workflows.schedule;

import dev.guild.workflows.RunEventTypes;
import dev.guild.workflows.TaskQueues;
import dev.guild.workflows.definition.DefinitionRepository;
import dev.guild.workflows.testing.Histories;
import dev.guild.workflows.testing.ScriptedChatModel;
import dev.guild.workflows.testing.WorkflowTestBed;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The scheduler workflow on the Temporal test server, firing with time skipping. */
class ScheduleWorkflowTest {

    static final String QUICK = """
            document: {dsl: '1.0.0', namespace: test, name: tick, version: '1.0.0'}
            do:
              - tick:
                  set: {ticked: true}
            """;

    /** A run that waits 90 minutes for an approval nobody gives, then ends (the rejection lets it continue). */
    static final String SLOW = """
            document: {dsl: '1.0.0', namespace: test, name: slow, version: '1.0.0'}
            do:
              - note:
                  call: take_note
                  with: {text: slow}
                  metadata:
                    approval: {timeout: PT90M, onReject: continue}
            """;

    private static final long HOUR = 3600;

    private static WorkflowTestBed bed() {
        WorkflowTestBed bed = new WorkflowTestBed(ScriptedChatModel.of());
        bed.definitions.add(DefinitionRepository.parse("tick.yaml", QUICK, bed.tools));
        bed.definitions.add(DefinitionRepository.parse("slow.yaml", SLOW, bed.tools));
        return bed;
    }

    private static ScheduleWorkflow start(WorkflowTestBed bed, ScheduleRequest request) {
        ScheduleWorkflow scheduler = bed.client().newWorkflowStub(ScheduleWorkflow.class, WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.SCHEDULES)
                .setWorkflowId(ScheduleWorkflow.workflowId(request.spec().scheduleId()))
                .build());
        WorkflowClient.start(scheduler::run, request);
        return scheduler;
    }

    private static ScheduleSpec every(String id, String workflow, long seconds, String overlap) {
        return new ScheduleSpec(id, workflow, null, seconds, overlap, ScheduleSpec.DEFAULT_CATCHUP_SECONDS, "{}");
    }

    @Test
    void an_hourly_schedule_fires_every_hour_with_time_skipping() {
        try (WorkflowTestBed bed = bed()) {
            ScheduleWorkflow scheduler = start(bed, ScheduleRequest.start(every("hourly", "tick", HOUR, ScheduleSpec.SKIP)));
            bed.env.sleep(Duration.ofHours(3).plusMinutes(1));

            ScheduleView view = scheduler.describe();
            assertThat(view.fired()).isEqualTo(3);
            assertThat(view.skipped()).isZero();
            assertThat(view.recent()).hasSize(3).allSatisfy(line -> assertThat(line).contains("fired: run sched-hourly-"));
            String firstRun = view.recent().getFirst().replaceAll(".*run ", "");
            assertThat(bed.events.types(firstRun)).contains(RunEventTypes.RUN_STARTED, RunEventTypes.RUN_COMPLETED);
            assertThat(bed.events.events(firstRun).getFirst().data()).contains("\"kind\":\"schedule\"")
                    .contains("\"name\":\"hourly\"");
            Histories.record(bed, ScheduleWorkflow.workflowId("hourly"), "schedule-every.json");
        }
    }

    @Test
    void a_cron_schedule_fires_at_its_times() {
        try (WorkflowTestBed bed = bed()) {
            ScheduleSpec spec = new ScheduleSpec("cron", "tick", "*/15 * * * *", 0, ScheduleSpec.SKIP, 60, "{}");
            ScheduleWorkflow scheduler = start(bed, ScheduleRequest.start(spec));
            bed.env.sleep(Duration.ofMinutes(61));

            assertThat(scheduler.describe().fired()).isBetween(4L, 5L);
            assertThat(scheduler.describe().nextFireAt()).matches(".*T\\d\\d:(00|15|30|45):00Z");
        }
    }

    @Test
    void overlap_skip_skips_while_a_run_is_running() {
        try (WorkflowTestBed bed = bed()) {
            ScheduleWorkflow scheduler = start(bed, ScheduleRequest.start(every("skipper", "slow", HOUR, ScheduleSpec.SKIP)));
            bed.env.sleep(Duration.ofHours(2).plusMinutes(1)); // run 1 (1h) waits until 2h30

            ScheduleView view = scheduler.describe();
            assertThat(view.fired()).isEqualTo(1);
            assertThat(view.skipped()).isEqualTo(1);
            assertThat(view.recent().getLast()).contains("overlap: skip");
            assertThat(view.running()).hasSize(1);
        }
    }

    @Test
    void overlap_buffer_one_starts_the_buffered_fire_when_the_run_ends() {
        try (WorkflowTestBed bed = bed()) {
            ScheduleWorkflow scheduler = start(bed, ScheduleRequest.start(every("buffer", "slow", HOUR, ScheduleSpec.BUFFER_ONE)));
            bed.env.sleep(Duration.ofHours(2).plusMinutes(40)); // 1h start, 2h buffered, 2h30 run 1 ends: buffered starts

            ScheduleView view = scheduler.describe();
            assertThat(view.fired()).isEqualTo(2);
            assertThat(view.skipped()).isZero();
            assertThat(view.recent()).anySatisfy(line -> assertThat(line).contains("started the buffered fire"));
            Histories.record(bed, ScheduleWorkflow.workflowId("buffer"), "schedule-buffer-one.json");
        }
    }

    @Test
    void overlap_allow_all_starts_every_fire() {
        try (WorkflowTestBed bed = bed()) {
            ScheduleWorkflow scheduler = start(bed, ScheduleRequest.start(every("all", "slow", HOUR, ScheduleSpec.ALLOW_ALL)));
            bed.env.sleep(Duration.ofHours(2).plusMinutes(1));

            assertThat(scheduler.describe().fired()).isEqualTo(2);
            assertThat(scheduler.describe().running()).hasSize(2);
        }
    }

    @Test
    void overlap_cancel_other_cancels_the_running_run() {
        try (WorkflowTestBed bed = bed()) {
            ScheduleWorkflow scheduler = start(bed, ScheduleRequest.start(every("cancel", "slow", HOUR, ScheduleSpec.CANCEL_OTHER)));
            bed.env.sleep(Duration.ofHours(2).plusMinutes(1));

            ScheduleView view = scheduler.describe();
            assertThat(view.fired()).isEqualTo(2);
            String first = view.recent().getFirst().replaceAll(".*run ", "");
            assertThat(view.running()).hasSize(1).doesNotContain(first);
            assertThat(bed.client().newUntypedWorkflowStub(first).describe().getStatus())
                    .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);
        }
    }

    @Test
    void after_downtime_fire_times_within_the_catch_up_window_are_made_up_and_older_ones_skipped() {
        try (WorkflowTestBed bed = bed()) {
            long now = bed.env.currentTimeMillis();
            // as the scheduler resumes after 3 h 1 min without workers: the slots at -2h01, -1h01 and -0h01 were missed
            ScheduleSpec spec = new ScheduleSpec("catchup", "tick", null, HOUR, ScheduleSpec.ALLOW_ALL, 90 * 60, "{}");
            ScheduleWorkflow scheduler = start(bed, new ScheduleRequest(spec, now - (3 * HOUR + 60) * 1000, false, 0, 0));
            bed.env.sleep(Duration.ofMinutes(1));

            ScheduleView view = scheduler.describe();
            assertThat(view.skipped()).isEqualTo(1);
            assertThat(view.fired()).isEqualTo(2);
            assertThat(view.recent().getFirst()).contains("beyond the catch-up window");
        }
    }

    @Test
    void a_paused_schedule_does_not_fire_until_resumed() {
        try (WorkflowTestBed bed = bed()) {
            ScheduleWorkflow scheduler = start(bed, ScheduleRequest.start(every("pausable", "tick", HOUR, ScheduleSpec.SKIP)));
            assertThat(scheduler.pause("ada").paused()).isTrue();
            assertThat(scheduler.pause("ada").paused()).as("idempotent").isTrue();
            bed.env.sleep(Duration.ofHours(3));
            assertThat(scheduler.describe().fired()).isZero();
            assertThat(scheduler.describe().nextFireAt()).isNull();

            assertThat(scheduler.resume("ada").paused()).isFalse();
            bed.env.sleep(Duration.ofHours(1).plusMinutes(1));
            assertThat(scheduler.describe().fired()).isEqualTo(1);
            assertThat(scheduler.describe().recent()).anySatisfy(l -> assertThat(l).contains("paused by ada"));
        }
    }

    @Test
    void an_unknown_workflow_is_skipped_with_the_reason() {
        try (WorkflowTestBed bed = bed()) {
            ScheduleWorkflow scheduler = start(bed, ScheduleRequest.start(every("ghost", "ghost", HOUR, ScheduleSpec.SKIP)));
            bed.env.sleep(Duration.ofHours(1).plusMinutes(1));

            assertThat(scheduler.describe().skipped()).isEqualTo(1);
            assertThat(scheduler.describe().recent().getLast()).contains("'ghost', which is not stored");
        }
    }

    @Test
    void specs_are_checked_with_every_problem_listed() {
        assertThat(ScheduleSpec.problems("Bad Id", "", "61 * * * *", 5, "sometimes", -1)).hasSize(6)
                .anySatisfy(p -> assertThat(p).contains("'Bad Id'"))
                .anySatisfy(p -> assertThat(p).contains("workflow is required"))
                .anySatisfy(p -> assertThat(p).contains("exactly one of cron"))
                .anySatisfy(p -> assertThat(p).contains("cron '61 * * * *'"))
                .anySatisfy(p -> assertThat(p).contains("'sometimes'"))
                .anySatisfy(p -> assertThat(p).contains("catchupWindow"));
    }

    /** Why Guild has its own scheduler: the Java test server (the embedded Temporal) does not serve Schedules. */
    @Test
    void the_temporal_test_server_does_not_implement_schedules() {
        try (WorkflowTestBed bed = bed()) {
            ScheduleClient schedules = ScheduleClient.newInstance(bed.env.getWorkflowServiceStubs());
            Schedule schedule = Schedule.newBuilder()
                    .setAction(ScheduleActionStartWorkflow.newBuilder().setWorkflowType("guild.run")
                            .setOptions(WorkflowOptions.newBuilder().setWorkflowId("x").setTaskQueue("q").build()).build())
                    .setSpec(io.temporal.client.schedules.ScheduleSpec.newBuilder()
                            .setCronExpressions(List.of("0 * * * *")).build())
                    .build();
            assertThatThrownBy(() -> schedules.createSchedule("probe", schedule, ScheduleOptions.newBuilder().build()))
                    .hasStackTraceContaining("UNIMPLEMENTED");
        }
    }
}
