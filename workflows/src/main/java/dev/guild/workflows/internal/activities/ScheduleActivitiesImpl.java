package dev.guild.workflows.internal.activities;

import dev.guild.workflows.RunRequest;
import dev.guild.workflows.RunTrigger;
import dev.guild.workflows.ports.DefinitionSource;
import dev.guild.workflows.schedule.PrepareRunInput;
import dev.guild.workflows.schedule.ScheduleActivities;
import io.temporal.failure.ApplicationFailure;

import java.util.Objects;

/** Resolves a schedule's workflow to its newest version; see {@link ScheduleActivities}. */
public final class ScheduleActivitiesImpl implements ScheduleActivities {
    private final DefinitionSource definitions;

    public ScheduleActivitiesImpl(DefinitionSource definitions) {
        this.definitions = Objects.requireNonNull(definitions, "definitions");
    }

    @Override
    public RunRequest prepareRun(PrepareRunInput input) {
        return definitions.latest(input.workflowName())
                .map(d -> d.runRequest(input.runId(), new RunTrigger("schedule", input.scheduleId(), input.fireTime()),
                        input.input()))
                .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure("schedule '" + input.scheduleId()
                        + "' starts workflow '" + input.workflowName() + "', which is not stored; post the definition"
                        + " (POST /api/workflows) or change the schedule", UNKNOWN_WORKFLOW));
    }
}
