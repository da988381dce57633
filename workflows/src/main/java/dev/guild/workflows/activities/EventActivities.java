package dev.guild.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * CloudEvents of {@code emit} and {@code listen} tasks, on {@link dev.guild.workflows.TaskQueues#TOOLS}: publishing
 * through the {@link dev.guild.workflows.ports.EventPublisher} (retried with the same event id) and recording which
 * runs wait for which events in {@link dev.guild.workflows.ports.EventSubscriptions}.
 */
@ActivityInterface
public interface EventActivities {

    @ActivityMethod(name = "guild.events.emit")
    EventOutput emit(EmitInput input);

    @ActivityMethod(name = "guild.events.subscribe")
    EventOutput subscribe(SubscribeInput input);

    @ActivityMethod(name = "guild.events.unsubscribe")
    EventOutput unsubscribe(UnsubscribeInput input);
}
