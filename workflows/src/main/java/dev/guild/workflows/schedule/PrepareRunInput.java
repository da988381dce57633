package dev.guild.workflows.schedule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Input of {@link ScheduleActivities#prepareRun}.
 *
 * @param runId      the run id to give the run
 * @param fireTime   RFC 3339 fire time (the trigger's delivery id)
 */
public record PrepareRunInput(@JsonProperty("scheduleId") String scheduleId,
                              @JsonProperty("workflowName") String workflowName,
                              @JsonProperty("runId") String runId,
                              @JsonProperty("fireTime") String fireTime,
                              @JsonProperty("input") String input) {
    @JsonCreator
    public PrepareRunInput {
    }
}
