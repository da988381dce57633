package dev.guild.workflows;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The answer to {@link RunWorkflow#status()}: where a run stands.
 *
 * @param steps     the definition's tasks started so far (nested ones included, skipped ones not), in order
 * @param toolCalls every tool call, the agents' included (an agent's calls appear when its step ends)
 * @param result    the workflow output as JSON text once completed
 * @param error     why it failed, once failed
 */
public record RunStatus(@JsonProperty("runId") String runId,
                        @JsonProperty("workflowName") String workflowName,
                        @JsonProperty("state") RunState state,
                        @JsonProperty("steps") List<Step> steps,
                        @JsonProperty("toolCalls") List<ToolCallSummary> toolCalls,
                        @JsonProperty("result") String result,
                        @JsonProperty("error") String error) {

    @JsonCreator
    public RunStatus {
        steps = steps == null ? List.of() : List.copyOf(steps);
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    /**
     * @param name        the task's name in the definition
     * @param type        the task type: {@code set}, {@code call} (a tool), {@code http}, {@code agent}, {@code do},
     *                    {@code switch}, {@code for}, {@code fork}, {@code try}, {@code wait}, {@code raise},
     *                    {@code emit}, {@code listen} or {@code run}
     * @param startedAt   RFC 3339 time
     * @param completedAt RFC 3339 time, null while running
     */
    public record Step(@JsonProperty("name") String name,
                       @JsonProperty("type") String type,
                       @JsonProperty("state") RunState state,
                       @JsonProperty("startedAt") String startedAt,
                       @JsonProperty("completedAt") String completedAt,
                       @JsonProperty("error") String error) {
        @JsonCreator
        public Step {
        }
    }
}
