package dev.guild.workflows.activities;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.guild.workflows.RunEvent;

/** Input of {@link RunEventActivities#publish}. */
public record PublishEventInput(@JsonProperty("event") RunEvent event) {
    @JsonCreator
    public PublishEventInput {
    }
}
