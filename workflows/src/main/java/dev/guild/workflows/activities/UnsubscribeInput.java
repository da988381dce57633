package dev.guild.workflows.activities;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Input of {@link EventActivities#unsubscribe}. */
public record UnsubscribeInput(@JsonProperty("runId") String runId, @JsonProperty("listenId") String listenId) {
    @JsonCreator
    public UnsubscribeInput {
    }
}
