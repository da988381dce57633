package dev.guild.server.listen.internal;

import dev.guild.server.embedded.KafkaEndpoint;
import dev.guild.server.listen.CloudEventRecords;
import dev.guild.workflows.CloudEventMessage;
import dev.guild.workflows.ports.EventPublisher;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link EventPublisher} on Kafka: each emitted event becomes a binary-mode CloudEvent on the events topic, and
 * {@link #publish} returns after the broker acknowledged it (acks=all, idempotent producer); on failure it throws so
 * the emit activity is retried with the same event id.
 */
public final class KafkaEventPublisher implements EventPublisher, AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    public KafkaEventPublisher(KafkaEndpoint kafka, String topic) {
        this.topic = topic;
        Map<String, Object> config = kafka.acknowledgedProducerConfig("guild-workflow-events", TIMEOUT);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void publish(CloudEventMessage event) {
        try {
            producer.send(CloudEventRecords.toRecord(topic, event)).get(TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing event " + event.id(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge event " + event.id() + " (" + event.type()
                    + ") on " + topic + " within " + TIMEOUT.toSeconds() + " s: " + e + "; the emit is retried", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
