package dev.guild.server.events.internal;

import dev.guild.server.events.RunEventRecords;

import dev.guild.server.embedded.KafkaEndpoint;
import dev.guild.workflows.RunEvent;
import dev.guild.workflows.ports.RunEventSink;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link RunEventSink} on Kafka: each event becomes a binary-mode CloudEvent on {@code guild.run-events} keyed by run
 * id ({@link RunEventRecords}), and {@link #publishAll} returns only after the broker acknowledged every event of the
 * batch (acks=all, idempotent producer). On failure it throws, so the publishing activity is retried; duplicates carry the same event
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
        publishAll(List.of(event));
    }

    /**
     * Sends every event (the producer batches them into as few requests as it can, in order: one partition per run,
     * idempotent producer) and then waits for their acknowledgements, so a batch costs one round trip, not one per
     * event.
     */
    @Override
    public void publishAll(List<RunEvent> events) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
        RunEvent current = null;
        try {
            for (RunEvent event : events) {
                current = event;
                acks.add(producer.send(RunEventRecords.toRecord(event)));
            }
            long deadline = System.nanoTime() + TIMEOUT.toNanos() + TimeUnit.SECONDS.toNanos(1);
            for (int i = 0; i < acks.size(); i++) {
                current = events.get(i);
                acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing run event " + current.id(), e);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new IllegalStateException("Kafka did not acknowledge run event " + current.id() + " (" + current.type()
                    + ", one of " + events.size() + " in a batch) within " + TIMEOUT.toSeconds() + " s: " + e
                    + "; the publish is retried", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
