package dev.guild.workflows.testing;

import dev.guild.workflows.CloudEventMessage;
import dev.guild.workflows.EventSubscription;
import dev.guild.workflows.ListenRouting;
import dev.guild.workflows.ports.EventPublisher;
import dev.guild.workflows.ports.EventSubscriptions;
import io.temporal.client.WorkflowClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Emitted events and listen subscriptions in memory; {@link #deliver} routes an event to waiting runs as the
 * platform's consumer does. Published events are deduplicated by id, like a consumer would. Tests only.
 */
public final class InMemoryEventBus implements EventPublisher, EventSubscriptions {

    private final Map<String, CloudEventMessage> published = new LinkedHashMap<>();
    private final Map<String, EventSubscription> subscriptions = new LinkedHashMap<>();
    private int publications;

    @Override
    public synchronized void publish(CloudEventMessage event) {
        publications++;
        published.putIfAbsent(event.id(), event);
    }

    @Override
    public synchronized void subscribe(EventSubscription subscription) {
        subscriptions.put(subscription.runId() + " " + subscription.listenId(), subscription);
    }

    @Override
    public synchronized void unsubscribe(String runId, String listenId) {
        subscriptions.remove(runId + " " + listenId);
    }

    @Override
    public synchronized List<EventSubscription> all() {
        return new ArrayList<>(subscriptions.values());
    }

    public synchronized List<CloudEventMessage> published() {
        return new ArrayList<>(published.values());
    }

    public synchronized int publications() {
        return publications;
    }

    /** Routes {@code event} to the runs waiting for it; returns how many were signalled. */
    public int deliver(WorkflowClient client, CloudEventMessage event) {
        return ListenRouting.deliver(client, this, event).size();
    }
}
