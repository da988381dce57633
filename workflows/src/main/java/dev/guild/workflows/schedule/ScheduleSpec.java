package dev.guild.workflows.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * When a schedule starts runs of a workflow, and what it does when runs overlap or fire times were missed.
 *
 * @param scheduleId           stable id (lower-case letters, digits, '-'); the scheduler's workflow id is
 *                             {@code schedule-<id>}
 * @param workflowName         the definition it starts (its newest version at each fire time)
 * @param cron                 a UNIX cron expression (minute hour day-of-month month day-of-week), in UTC; or null
 * @param everySeconds         a fixed interval instead of {@code cron}; 0 when {@code cron} is set
 * @param overlap              {@link #SKIP}, {@link #BUFFER_ONE}, {@link #ALLOW_ALL} or {@link #CANCEL_OTHER}
 * @param catchupWindowSeconds fire times missed (the workers were down) are made up when they are at most this old;
 *                             older ones are skipped
 * @param input                the run input, a JSON object as text
 */
public record ScheduleSpec(@JsonProperty("scheduleId") String scheduleId,
                           @JsonProperty("workflowName") String workflowName,
                           @JsonProperty("cron") String cron,
                           @JsonProperty("everySeconds") long everySeconds,
                           @JsonProperty("overlap") String overlap,
                           @JsonProperty("catchupWindowSeconds") long catchupWindowSeconds,
                           @JsonProperty("input") String input) {

    /** Skip a fire while a run of the schedule is still running (the default). */
    public static final String SKIP = "skip";
    /** Keep one fire while a run is running and start it when that run ends; further fires are skipped. */
    public static final String BUFFER_ONE = "buffer_one";
    /** Start every fire, whatever runs. */
    public static final String ALLOW_ALL = "allow_all";
    /** Cancel the running runs, then start the new one. */
    public static final String CANCEL_OTHER = "cancel_other";
    public static final List<String> OVERLAPS = List.of(SKIP, BUFFER_ONE, ALLOW_ALL, CANCEL_OTHER);

    /** Default catch-up window: one minute (as Temporal Schedules). */
    public static final long DEFAULT_CATCHUP_SECONDS = 60;

    private static final Pattern ID = Pattern.compile("[a-z0-9]([-a-z0-9]{0,62}[a-z0-9])?");
    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    @JsonCreator
    public ScheduleSpec {
        overlap = overlap == null ? SKIP : overlap;
        input = input == null || input.isBlank() ? "{}" : input;
        List<String> problems = problems(scheduleId, workflowName, cron, everySeconds, overlap, catchupWindowSeconds);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid schedule: " + String.join("; ", problems));
        }
    }

    /** Every problem of these values, each with the bad value and the fix; empty when valid. */
    public static List<String> problems(String scheduleId, String workflowName, String cron, long everySeconds,
                                        String overlap, long catchupWindowSeconds) {
        List<String> problems = new ArrayList<>();
        if (scheduleId == null || !ID.matcher(scheduleId).matches()) {
            problems.add("id must be 1-64 lower-case letters, digits and '-' (e.g. 'daily-report'); got '" + scheduleId + "'");
        }
        if (workflowName == null || workflowName.isBlank()) {
            problems.add("workflow is required: the name of the definition to start");
        }
        if ((cron == null) == (everySeconds <= 0)) {
            problems.add("give exactly one of cron (e.g. '0 7 * * 1-5') and every (e.g. PT1H); got cron " + cron
                    + " and every " + everySeconds + " s");
        }
        if (cron != null) {
            cronProblem(cron).ifPresent(problems::add);
        }
        if (everySeconds < 0 || (cron == null && everySeconds > 0 && everySeconds < 1)) {
            problems.add("every must be at least one second; got " + everySeconds);
        }
        if (!OVERLAPS.contains(overlap)) {
            problems.add("overlap must be one of " + OVERLAPS + "; got '" + overlap + "'");
        }
        if (catchupWindowSeconds < 0) {
            problems.add("catchupWindow must not be negative; got " + catchupWindowSeconds + " s");
        }
        return problems;
    }

    /** Why {@code cron} is not a UNIX cron expression, if it is not. */
    public static Optional<String> cronProblem(String cron) {
        try {
            CRON.parse(cron).validate();
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("cron '" + cron + "' is not a UNIX cron expression (minute hour day-of-month month"
                    + " day-of-week, e.g. '0 7 * * 1-5'): " + e.getMessage());
        }
    }

    /** The first fire time strictly after {@code afterMillis} (epoch ms, UTC); empty when the cron never fires again. */
    public Optional<Long> nextAfter(long afterMillis) {
        if (cron == null) {
            return Optional.of(afterMillis + everySeconds * 1000);
        }
        ZonedDateTime after = ZonedDateTime.ofInstant(Instant.ofEpochMilli(afterMillis), ZoneOffset.UTC);
        return ExecutionTime.forCron(CRON.parse(cron)).nextExecution(after).map(t -> t.toInstant().toEpochMilli());
    }

    public ScheduleSpec withId(String id) {
        return new ScheduleSpec(Objects.requireNonNull(id, "id"), workflowName, cron, everySeconds, overlap,
                catchupWindowSeconds, input);
    }
}
