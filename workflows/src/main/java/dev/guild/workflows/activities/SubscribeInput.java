package dev.guild.workflows.activities;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.guild.workflows.EventSubscription;

/** Input of {@link EventActivities#subscribe}. */
public record SubscribeInput(@JsonProperty("subscription") EventSubscription subscription) {
    @JsonCreator
    public SubscribeInput {
    }
}
