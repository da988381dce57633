package dev.guild.workflows.schedule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * Where a schedule stands ({@link ScheduleWorkflow#describe()}).
 *
 * @param nextFireAt  RFC 3339, null when paused or when the cron never fires again
 * @param lastFireAt  RFC 3339 of the last fire time handled (fired or skipped); before the first, when the
 *                    schedule started
 * @param running     run ids of the schedule's runs still running
 * @param recent      the latest events of the schedule (fired, skipped, failed, paused, resumed), newest last
 */
public record ScheduleView(@JsonProperty("spec") ScheduleSpec spec,
                           @JsonProperty("paused") boolean paused,
                           @JsonProperty("nextFireAt") String nextFireAt,
                           @JsonProperty("lastFireAt") String lastFireAt,
                           @JsonProperty("fired") long fired,
                           @JsonProperty("skipped") long skipped,
                           @JsonProperty("running") List<String> running,
                           @JsonProperty("recent") List<String> recent) {
    @JsonCreator
    public ScheduleView {
        running = running == null ? List.of() : List.copyOf(running);
        recent = recent == null ? List.of() : List.copyOf(recent);
    }
}
