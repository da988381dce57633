package dev.guild.workflows.schedule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * The input of {@link ScheduleWorkflow}: the spec, and where the schedule stands (carried over continue-as-new).
 *
 * @param lastSlotMillis the last fire time handled (fired or skipped), epoch ms; 0 on a fresh start (fire times
 *                       count from the start)
 * @param paused         whether it starts paused
 * @param fired          runs started so far
 * @param skipped        fire times skipped so far (overlap, catch-up window, pause, a failed start)
 */
public record ScheduleRequest(@JsonProperty("spec") ScheduleSpec spec,
                              @JsonProperty("lastSlotMillis") long lastSlotMillis,
                              @JsonProperty("paused") boolean paused,
                              @JsonProperty("fired") long fired,
                              @JsonProperty("skipped") long skipped) {
    @JsonCreator
    public ScheduleRequest {
        Objects.requireNonNull(spec, "spec");
    }

    public static ScheduleRequest start(ScheduleSpec spec) {
        return new ScheduleRequest(spec, 0, false, 0, 0);
    }
}
