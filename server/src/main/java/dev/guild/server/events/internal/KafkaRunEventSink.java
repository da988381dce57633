package dev.guild.server.events.internal;

import dev.guild.server.events.RunEventRecords;

import dev.guild.server.embedded.KafkaEndpoint;
import dev.guild.workflows.RunEvent;
import dev.guild.workflows.ports.RunEventSink;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link RunEventSink} on Kafka: each event becomes a binary-mode CloudEvent on {@code guild.run-events} keyed by run
 * id ({@link RunEventRecords}), and {@link #publish} returns only after the broker acknowledged it (acks=all,
 * idempotent producer). On failure it throws, so the publishing activity is retried; duplicates carry the same event
 * id and are dropped by consumers.
 */
public final class KafkaRunEventSink implements RunEventSink, AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final KafkaProducer<String, byte[]> producer;

    public KafkaRunEventSink(KafkaEndpoint kafka) {
        Map<String, Object> config = kafka.acknowledgedProducerConfig("guild-run-events", TIMEOUT);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void publish(RunEvent event) {
        try {
            producer.send(RunEventRecords.toRecord(event)).get(TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing run event " + event.id(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge run event " + event.id() + " (" + event.type()
                    + ") within " + TIMEOUT.toSeconds() + " s: " + e + "; the publish is retried", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
