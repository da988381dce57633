package dev.guild.server.hooks.internal;

import dev.guild.server.hooks.DedupeKey;
import dev.guild.server.hooks.TriggerEvents;
import dev.guild.workflows.definition.WorkflowDefinition;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes accepted deliveries to the triggers topic as binary-mode CloudEvents and waits for the broker's
 * acknowledgement (acks=all, idempotent producer), bounded by the publish timeout.
 */
public final class KafkaTriggerPublisher implements AutoCloseable {

    /** The broker did not acknowledge in time or refused the record; the caller answers 503. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final String topic;
    private final Duration timeout;
    private final Clock clock;
    private final KafkaProducer<String, byte[]> producer;

    /** @param clientConfig base Kafka client settings (at least {@code bootstrap.servers}) */
    public KafkaTriggerPublisher(Map<String, Object> clientConfig, String topic, Duration timeout, Clock clock) {
        this.topic = topic;
        this.timeout = timeout;
        this.clock = clock;
        this.producer = new KafkaProducer<>(producerConfig(clientConfig, timeout),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Producer settings: durable (acks=all, idempotent) and bounded, so a dead broker is reported fast. */
    static Map<String, Object> producerConfig(Map<String, Object> clientConfig, Duration timeout) {
        int total = (int) Math.clamp(timeout.toMillis(), 1000, Integer.MAX_VALUE);
        int linger = 1;
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.putAll(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "guild-hooks",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, linger,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (long) total,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, total - linger,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, total,
                ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000L));
        return config;
    }

    /**
     * Sends one delivery, pinned to the version of {@code workflow} that validated it, and blocks until the broker acknowledged it.
     *
     * @throws Unavailable when the broker cannot be reached or does not acknowledge within the timeout
     */
    public void publish(WorkflowDefinition workflow, DedupeKey key, byte[] body) {
        CloudEvent event = CloudEventBuilder.v1()
                .withId(key.webhookId())
                .withSource(URI.create(TriggerEvents.source(key.trigger())))
                .withType(TriggerEvents.TYPE_RECEIVED)
                .withTime(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                .withSubject(key.runId())
                .withDataContentType("application/json")
                .withExtension(TriggerEvents.EXT_WORKFLOW, workflow.name())
                .withExtension(TriggerEvents.EXT_WORKFLOW_HASH, workflow.hash())
                .withExtension(TriggerEvents.EXT_RUN_ID, key.runId())
                .withExtension(TriggerEvents.EXT_TRIGGER, key.trigger())
                .withExtension(TriggerEvents.EXT_PARTITION_KEY, key.value())
                .withData(body)
                .build();
        ProducerRecord<String, byte[]> record =
                KafkaMessageFactory.createWriter(topic, null, null, key.value()).writeBinary(event);
        try {
            producer.send(record).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while waiting for the Kafka acknowledgement", e);
        } catch (ExecutionException e) {
            throw new Unavailable("Kafka did not accept the record: " + e.getCause(), e.getCause());
        } catch (TimeoutException | org.apache.kafka.common.KafkaException e) {
            throw new Unavailable("Kafka did not acknowledge within " + timeout.toMillis() + " ms: " + e, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
