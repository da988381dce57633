package dev.guild.workflows.activities;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.guild.workflows.RunEvent;

import java.util.List;

/** Input of {@link RunEventActivities#publishAll}: consecutive events of one run, in sequence order. */
public record PublishEventsInput(@JsonProperty("events") List<RunEvent> events) {
    @JsonCreator
    public PublishEventsInput {
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a batch of run events must not be empty");
        }
    }
}
