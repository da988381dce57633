package dev.guild.workflows.ports;

import dev.guild.workflows.CloudEventMessage;

/**
 * Publishes the CloudEvents of {@code emit} tasks (the platform: to Kafka, topic {@code guild.events}, binary mode).
 * Called from an activity and retried, always with the same event id: consumers dedupe by id. Throw to have the
 * publication retried.
 */
public interface EventPublisher {
    void publish(CloudEventMessage event);
}
