package dev.guild.workflows.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.guild.workflows.definition.WorkflowDefinition;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The schedule a definition declares (Serverless Workflow 1.0 {@code schedule}, with Guild's options under
 * {@code document.metadata.schedule}):
 * <pre>
 * document:
 *   metadata:
 *     schedule: {overlap: skip, catchupWindow: PT10M, input: {region: emea}}   # optional
 * schedule:
 *   cron: '0 7 * * 1-5'        # UNIX cron in UTC; or
 *   every: PT1H                # an ISO-8601 duration, or {days, hours, minutes, seconds}
 * </pre>
 * The schedule's id is the workflow's name. {@code schedule.after} and {@code schedule.on} are not supported.
 */
public final class DefinitionSchedules {

    /** A problem at a path of the definition. */
    public record Problem(String path, String message) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> OPTIONS = Set.of("overlap", "catchupWindow", "input");
    private static final Set<String> DURATION_KEYS = Set.of("days", "hours", "minutes", "seconds", "milliseconds");

    /** Every problem of the {@code schedule} of a definition's tree (none when it has no schedule). */
    public static List<Problem> check(JsonNode root, String workflowName) {
        List<Problem> problems = new ArrayList<>();
        parse(root, workflowName, problems);
        return problems;
    }

    /** The schedule of a validated definition, if it declares one. */
    public static Optional<ScheduleSpec> of(WorkflowDefinition definition) {
        JsonNode root;
        try {
            root = YAML.readTree(definition.text());
        } catch (Exception e) {
            throw new IllegalArgumentException("definition " + definition.name() + " is not YAML: " + e.getMessage(), e);
        }
        List<Problem> problems = new ArrayList<>();
        ScheduleSpec spec = parse(root, definition.name(), problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the schedule of " + definition.name() + " is invalid: " + problems);
        }
        return Optional.ofNullable(spec);
    }

    private static ScheduleSpec parse(JsonNode root, String name, List<Problem> problems) {
        JsonNode schedule = root == null ? null : root.get("schedule");
        if (schedule == null || schedule.isNull()) {
            return null;
        }
        int before = problems.size();
        if (!schedule.isObject()) {
            problems.add(new Problem("/schedule", "must be an object {cron: '0 7 * * *'} or {every: PT1H}; got " + schedule));
            return null;
        }
        for (Iterator<String> it = schedule.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (key.equals("after") || key.equals("on")) {
                problems.add(new Problem("/schedule/" + key, "'schedule." + key + "' is not supported by Guild's"
                        + " profile; use cron or every"));
            } else if (!key.equals("cron") && !key.equals("every")) {
                problems.add(new Problem("/schedule/" + key, "unknown field '" + key + "'; allowed: [cron, every]"));
            }
        }
        String cron = schedule.hasNonNull("cron") ? schedule.get("cron").asText() : null;
        long every = schedule.has("every") ? seconds(schedule.get("every"), "/schedule/every", problems) : 0;
        JsonNode options = root.path("document").path("metadata").path("schedule");
        String overlap = ScheduleSpec.SKIP;
        long catchup = ScheduleSpec.DEFAULT_CATCHUP_SECONDS;
        String input = "{}";
        if (!options.isMissingNode()) {
            String base = "/document/metadata/schedule";
            if (!options.isObject()) {
                problems.add(new Problem(base, "must be an object {overlap, catchupWindow, input}; got " + options));
            } else {
                for (Iterator<String> it = options.fieldNames(); it.hasNext(); ) {
                    String key = it.next();
                    if (!OPTIONS.contains(key)) {
                        problems.add(new Problem(base + "/" + key, "unknown field '" + key + "'; allowed: "
                                + OPTIONS.stream().sorted().toList()));
                    }
                }
                overlap = options.path("overlap").asText(ScheduleSpec.SKIP);
                if (options.has("catchupWindow")) {
                    catchup = seconds(options.get("catchupWindow"), base + "/catchupWindow", problems);
                }
                if (options.has("input")) {
                    if (!options.get("input").isObject()) {
                        problems.add(new Problem(base + "/input", "must be an object (the run input); got " + options.get("input")));
                    } else {
                        input = options.get("input").toString();
                    }
                }
            }
        }
        boolean badName = false;
        for (String message : ScheduleSpec.problems(name, name, cron, every, overlap, catchup)) {
            if (message.startsWith("id ")) {
                badName = true; // the id is document.name, whose own check reports it
                continue;
            }
            problems.add(new Problem(message.startsWith("overlap") || message.startsWith("catchupWindow")
                    ? "/document/metadata/schedule" : "/schedule", message));
        }
        return problems.size() > before || badName ? null : new ScheduleSpec(name, name, cron, every, overlap, catchup, input);
    }

    /** Seconds of an ISO-8601 duration text or a Serverless Workflow duration object; problems for anything else. */
    public static long seconds(JsonNode value, String path, List<Problem> problems) {
        try {
            if (value.isTextual()) {
                return Duration.parse(value.asText()).toSeconds();
            }
            if (value.isObject() && !value.isEmpty()) {
                Duration total = Duration.ZERO;
                for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
                    String key = it.next();
                    if (!DURATION_KEYS.contains(key) || !value.get(key).canConvertToLong()) {
                        throw new IllegalArgumentException(key);
                    }
                    long n = value.get(key).asLong();
                    total = total.plus(switch (key) {
                        case "days" -> Duration.ofDays(n);
                        case "hours" -> Duration.ofHours(n);
                        case "minutes" -> Duration.ofMinutes(n);
                        case "seconds" -> Duration.ofSeconds(n);
                        default -> Duration.ofMillis(n);
                    });
                }
                return total.toSeconds();
            }
        } catch (DateTimeParseException | IllegalArgumentException e) {
            // reported below
        }
        problems.add(new Problem(path, "must be an ISO-8601 duration such as PT1H or an object {days, hours, minutes,"
                + " seconds}; got " + value));
        return 0;
    }


    private DefinitionSchedules() {
    }
}
