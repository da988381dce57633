package dev.guild.workflows;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a run returns. A run whose definition or input was wrong, or whose agent ran out of budget, completes
 * (as a Temporal workflow) with {@code state = failed} and the reason in {@code error}.
 *
 * @param output the workflow output, JSON text; null when failed
 */
public record RunResult(@JsonProperty("runId") String runId,
                        @JsonProperty("state") RunState state,
                        @JsonProperty("output") String output,
                        @JsonProperty("error") String error) {
    @JsonCreator
    public RunResult {
    }
}
