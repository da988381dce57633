package dev.guild.workflows.schedule;

import dev.guild.workflows.RunRequest;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** What the scheduler needs from outside workflow code, on {@link dev.guild.workflows.TaskQueues#SCHEDULES}. */
@ActivityInterface
public interface ScheduleActivities {

    /**
     * The run request of a fire: the newest version of the workflow, pinned by its hash. Fails without retry
     * (type {@link #UNKNOWN_WORKFLOW}) when no definition has that name.
     */
    @ActivityMethod(name = "guild.schedule.prepare-run")
    RunRequest prepareRun(PrepareRunInput input);

    String UNKNOWN_WORKFLOW = "guild.schedule.unknown-workflow";
}
