package dev.guild.workflows;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Lifecycle state of a run or of one of its steps. Wire values are stable. */
public enum RunState {
    @JsonProperty("running") RUNNING,
    @JsonProperty("completed") COMPLETED,
    @JsonProperty("failed") FAILED
}
