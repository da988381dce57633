package dev.guild.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Publishes run events through the {@link dev.guild.workflows.ports.RunEventSink}. Run as a local activity on
 * the workflow worker ({@link dev.guild.workflows.TaskQueues#AGENTS}): cheap, retried until the sink accepts.
 */
@ActivityInterface
public interface RunEventActivities {
    /** One event per activity: what runs started before batching record (kept so that their histories replay). */
    @ActivityMethod(name = "guild.events.publish")
    PublishEventOutput publish(PublishEventInput input);

    /** The events of one workflow step, in order, with one acknowledgement for the batch. */
    @ActivityMethod(name = "guild.events.publish-batch")
    PublishEventsOutput publishAll(PublishEventsInput input);
}
