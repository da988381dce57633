package dev.guild.workflows.activities;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.guild.workflows.CloudEventMessage;

/** Input of {@link EventActivities#emit}: the event, its id fixed by the workflow. */
public record EmitInput(@JsonProperty("event") CloudEventMessage event) {
    @JsonCreator
    public EmitInput {
    }
}
