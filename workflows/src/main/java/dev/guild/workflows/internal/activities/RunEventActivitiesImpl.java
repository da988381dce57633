package dev.guild.workflows.internal.activities;

import dev.guild.workflows.activities.PublishEventInput;
import dev.guild.workflows.activities.PublishEventOutput;
import dev.guild.workflows.activities.PublishEventsInput;
import dev.guild.workflows.activities.PublishEventsOutput;
import dev.guild.workflows.activities.RunEventActivities;
import dev.guild.workflows.ports.RunEventSink;

import java.util.Objects;

/** Hands run events to the {@link RunEventSink}. */
public final class RunEventActivitiesImpl implements RunEventActivities {

    private final RunEventSink sink;

    public RunEventActivitiesImpl(RunEventSink sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public PublishEventOutput publish(PublishEventInput input) {
        sink.publish(input.event());
        return new PublishEventOutput(input.event().id());
    }

    @Override
    public PublishEventsOutput publishAll(PublishEventsInput input) {
        sink.publishAll(input.events());
        return new PublishEventsOutput(input.events().size(), input.events().getLast().id());
    }
}
