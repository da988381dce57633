package dev.guild.workflows.activities;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Output of {@link RunEventActivities#publishAll}: how many events were published and the id of the last one. */
public record PublishEventsOutput(@JsonProperty("count") int count, @JsonProperty("lastEventId") String lastEventId) {
    @JsonCreator
    public PublishEventsOutput {
    }
}
