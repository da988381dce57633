package dev.guild.workflows.internal.activities;

import dev.guild.workflows.activities.EmitInput;
import dev.guild.workflows.activities.EventActivities;
import dev.guild.workflows.activities.EventOutput;
import dev.guild.workflows.activities.SubscribeInput;
import dev.guild.workflows.activities.UnsubscribeInput;
import dev.guild.workflows.ports.EventPublisher;
import dev.guild.workflows.ports.EventSubscriptions;

import java.util.Objects;

/** See {@link EventActivities}. */
public final class EventActivitiesImpl implements EventActivities {

    private final EventPublisher publisher;
    private final EventSubscriptions subscriptions;

    public EventActivitiesImpl(EventPublisher publisher, EventSubscriptions subscriptions) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
    }

    @Override
    public EventOutput emit(EmitInput input) {
        publisher.publish(input.event());
        return new EventOutput(input.event().id());
    }

    @Override
    public EventOutput subscribe(SubscribeInput input) {
        subscriptions.subscribe(input.subscription());
        return new EventOutput(input.subscription().listenId());
    }

    @Override
    public EventOutput unsubscribe(UnsubscribeInput input) {
        subscriptions.unsubscribe(input.runId(), input.listenId());
        return new EventOutput(input.listenId());
    }
}
