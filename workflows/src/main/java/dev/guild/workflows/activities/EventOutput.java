package dev.guild.workflows.activities;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Output of {@link EventActivities}: the event id emitted, or the listen id (un)subscribed. */
public record EventOutput(@JsonProperty("id") String id) {
    @JsonCreator
    public EventOutput {
    }
}
