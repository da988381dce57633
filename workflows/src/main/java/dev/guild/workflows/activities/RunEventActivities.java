package dev.guild.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Publishes run events through the {@link dev.guild.workflows.ports.RunEventSink}. Run as a local activity on
 * the workflow worker ({@link dev.guild.workflows.TaskQueues#AGENTS}): cheap, retried until the sink accepts.
 */
@ActivityInterface
public interface RunEventActivities {
    @ActivityMethod(name = "guild.events.publish")
    PublishEventOutput publish(PublishEventInput input);
}
