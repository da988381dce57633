package dev.guild.server.runs.internal;

import dev.guild.server.runs.RunView;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.guild.workflows.RunEvent;
import dev.guild.workflows.RunEventTypes;
import dev.guild.workflows.RunState;
import dev.guild.workflows.RunStatus;
import dev.guild.workflows.ToolCallSummary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Folds a run's events, in sequence order, into its {@link RunView}. Unknown data fields are ignored. */
final class RunFold {
    private static final ObjectMapper JSON = new ObjectMapper();

    static RunView fold(String runId, List<RunEvent> events) {
        String workflowName = null;
        String startedAt = null;
        String endedAt = null;
        RunState state = RunState.RUNNING;
        Map<String, RunStatus.Step> steps = new LinkedHashMap<>();
        List<ToolCallSummary> toolCalls = new ArrayList<>();
        JsonNode result = null;
        String error = null;
        long last = 0;
        for (RunEvent event : events) {
            JsonNode data = parse(event.data());
            last = event.sequence();
            switch (event.type()) {
                case RunEventTypes.RUN_STARTED -> {
                    workflowName = text(data, "workflowName", workflowName);
                    startedAt = event.time();
                }
                case RunEventTypes.STEP_STARTED -> {
                    String name = text(data, "step", "step-" + event.sequence());
                    if (!steps.containsKey(name)) {
                        endRunning(steps, event.time(), RunState.COMPLETED, null);
                        steps.put(name, new RunStatus.Step(name, text(data, "type", null), RunState.RUNNING,
                                event.time(), null, null));
                    }
                }
                case RunEventTypes.TOOL_COMPLETED -> toolCalls.add(new ToolCallSummary(text(data, "step", null),
                        text(data, "tool", null), text(data, "idempotencyKey", null),
                        data.path("ok").asBoolean(false), text(data, "error", null)));
                case RunEventTypes.RUN_COMPLETED -> {
                    state = RunState.COMPLETED;
                    endedAt = event.time();
                    result = output(data);
                    endRunning(steps, event.time(), RunState.COMPLETED, null);
                }
                case RunEventTypes.RUN_FAILED -> {
                    state = RunState.FAILED;
                    endedAt = event.time();
                    error = text(data, "error", "the run failed without a reason");
                    endRunning(steps, event.time(), RunState.FAILED, error);
                }
                default -> {
                    // model.completed and tool.called carry nothing the summary shows
                }
            }
        }
        return new RunView(runId, workflowName, state, startedAt, endedAt, List.copyOf(steps.values()),
                List.copyOf(toolCalls), result, error, last, eventsPath(runId));
    }

    /** Where a run's events stream (server-sent events). */
    static String eventsPath(String runId) {
        return "/api/runs/" + runId + "/events";
    }

    private static void endRunning(Map<String, RunStatus.Step> steps, String time, RunState end, String error) {
        steps.replaceAll((name, step) -> step.state() == RunState.RUNNING
                ? new RunStatus.Step(step.name(), step.type(), end, step.startedAt(), time, error) : step);
    }

    /** The run's output: {@code output} of run.completed, parsed when it is JSON text. */
    private static JsonNode output(JsonNode data) {
        JsonNode output = data.get("output");
        if (output != null && output.isTextual()) {
            try {
                return JSON.readTree(output.asText());
            } catch (Exception e) {
                return output;
            }
        }
        return output;
    }

    private static JsonNode parse(String data) {
        try {
            return data == null ? JSON.createObjectNode() : JSON.readTree(data);
        } catch (Exception e) {
            return TextNode.valueOf(data);
        }
    }

    private static String text(JsonNode data, String field, String fallback) {
        JsonNode value = data.get(field);
        return value == null || value.isNull() ? fallback : value.asText();
    }

    private RunFold() {
    }
}
