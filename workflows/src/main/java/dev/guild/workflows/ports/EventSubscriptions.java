package dev.guild.workflows.ports;

import dev.guild.workflows.EventSubscription;

import java.util.List;

/**
 * Where runs waiting in {@code listen} tasks are recorded, so that the platform's consumer of incoming events
 * ({@code guild.events}) can signal the runs an event matches. Implementations must be idempotent (calls are
 * retried).
 */
public interface EventSubscriptions {

    /** Records (or replaces) the subscription of {@code subscription.runId()} / {@code listenId()}. */
    void subscribe(EventSubscription subscription);

    /** Removes it; nothing happens when it does not exist. */
    void unsubscribe(String runId, String listenId);

    /** Every current subscription (the consumer filters them with {@link EventSubscription#matches}). */
    List<EventSubscription> all();
}
