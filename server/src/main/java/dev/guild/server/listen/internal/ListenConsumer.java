package dev.guild.server.listen.internal;

import dev.guild.server.dispatch.ConsumerLoop;
import dev.guild.server.dispatch.DeadLetters;
import dev.guild.server.listen.CloudEventRecords;
import dev.guild.workflows.CloudEventMessage;
import dev.guild.workflows.EventSubscription;
import dev.guild.workflows.ListenRouting;
import dev.guild.workflows.ports.EventSubscriptions;
import io.temporal.client.WorkflowClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Consumes the events topic and signals every run whose {@code listen} an event matches ({@link ListenRouting}).
 * A record that is not a CloudEvent goes to the dead-letter topic; Temporal or PostgreSQL being unreachable makes
 * the batch retry (signals may then repeat: a listen takes the first matching event and ignores the rest).
 */
public final class ListenConsumer implements ConsumerLoop.BatchHandler {
    public static final String NAME = "guild-listen";
    private static final Logger LOG = Logger.getLogger(ListenConsumer.class);

    private final WorkflowClient client;
    private final EventSubscriptions subscriptions;
    private final DeadLetters deadLetters;

    public ListenConsumer(WorkflowClient client, EventSubscriptions subscriptions, DeadLetters deadLetters) {
        this.client = client;
        this.subscriptions = subscriptions;
        this.deadLetters = deadLetters;
    }

    @Override
    public void handle(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        for (ConsumerRecord<String, byte[]> record : records) {
            CloudEventMessage event;
            try {
                event = CloudEventRecords.fromRecord(record);
            } catch (IllegalArgumentException e) {
                deadLetters.send(record, NAME, e.getMessage());
                continue;
            }
            List<EventSubscription> signalled = ListenRouting.deliver(client, subscriptions, event);
            if (!signalled.isEmpty()) {
                LOG.debugf("event %s (%s) delivered to %d waiting run(s)", event.id(), event.type(), signalled.size());
            }
        }
    }
}
