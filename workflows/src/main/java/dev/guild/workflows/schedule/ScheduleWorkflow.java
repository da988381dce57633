package dev.guild.workflows.schedule;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A durable scheduler, one per schedule (workflow id {@code schedule-<id>}, task queue
 * {@link dev.guild.workflows.TaskQueues#SCHEDULES}): sleeps on a durable timer until the next fire time, starts a
 * run of the schedule's workflow (newest version) as a child that outlives it, applies the overlap policy and the
 * catch-up window, and continues as new between runs. Guild uses it instead of Temporal Schedules, which the
 * embedded Temporal test server does not implement.
 */
@WorkflowInterface
public interface ScheduleWorkflow {

    String TYPE = "guild.schedule";

    /** The workflow id of the scheduler of {@code scheduleId}. */
    static String workflowId(String scheduleId) {
        return "schedule-" + scheduleId;
    }

    @WorkflowMethod(name = TYPE)
    void run(ScheduleRequest request);

    /** Stops firing (fire times while paused are skipped) until {@link #resume}; idempotent. */
    @UpdateMethod(name = "schedule.pause")
    ScheduleView pause(String by);

    /** Fires again from the next fire time after now; idempotent. */
    @UpdateMethod(name = "schedule.resume")
    ScheduleView resume(String by);

    /** Replaces the spec (a new version of the definition changed its {@code schedule}); same id. */
    @SignalMethod(name = "schedule.reconfigure")
    void reconfigure(ScheduleSpec spec);

    @QueryMethod(name = "schedule.describe")
    ScheduleView describe();
}
