package dev.guild.workflows;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Lifecycle state of a run or of one of its steps. Wire values are stable. */
public enum RunState {
    /** Accepted by a trigger (durably, on Kafka) and not started yet: no event of the run is stored so far. */
    @JsonProperty("accepted") ACCEPTED,
    @JsonProperty("running") RUNNING,
    @JsonProperty("completed") COMPLETED,
    @JsonProperty("failed") FAILED
}
