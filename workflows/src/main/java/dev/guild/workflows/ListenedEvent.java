package dev.guild.workflows;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/** The signal {@link RunWorkflow#event} carries: an event for the run's {@code listen} task {@code listenId}. */
public record ListenedEvent(@JsonProperty("listenId") String listenId, @JsonProperty("event") CloudEventMessage event) {
    @JsonCreator
    public ListenedEvent {
        Objects.requireNonNull(listenId, "listenId");
        Objects.requireNonNull(event, "event");
    }
}
