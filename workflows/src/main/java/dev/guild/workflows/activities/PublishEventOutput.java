package dev.guild.workflows.activities;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Output of {@link RunEventActivities#publish}: the id of the event published. */
public record PublishEventOutput(@JsonProperty("eventId") String eventId) {
    @JsonCreator
    public PublishEventOutput {
    }
}
