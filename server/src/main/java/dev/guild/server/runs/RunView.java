package dev.guild.server.runs;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.guild.workflows.RunState;
import dev.guild.workflows.RunStatus;
import dev.guild.workflows.ToolCallSummary;

import java.util.List;

/**
 * The answer of {@code GET /api/runs/{id}}, folded from the run's stored events (docs/run-events.md).
 *
 * @param result       the workflow output (JSON) once completed, else null
 * @param error        why the run failed, once failed
 * @param lastSequence sequence of the last event folded in
 * @param events       where to stream the run's events (server-sent events)
 */
public record RunView(@JsonProperty("runId") String runId,
                      @JsonProperty("workflowName") String workflowName,
                      @JsonProperty("state") RunState state,
                      @JsonProperty("startedAt") String startedAt,
                      @JsonProperty("endedAt") String endedAt,
                      @JsonProperty("steps") List<RunStatus.Step> steps,
                      @JsonProperty("toolCalls") List<ToolCallSummary> toolCalls,
                      @JsonProperty("result") JsonNode result,
                      @JsonProperty("error") String error,
                      @JsonProperty("lastSequence") long lastSequence,
                      @JsonProperty("events") String events) {
}
