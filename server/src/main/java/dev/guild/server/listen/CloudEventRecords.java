package dev.guild.server.listen;

import dev.guild.workflows.CloudEventMessage;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one mapping between a workflow's {@link CloudEventMessage} and a Kafka record of the events topic: a
 * binary-mode CloudEvent ({@code ce_*} headers), key = the {@code partitionkey} extension, else the subject, else
 * the id.
 */
public final class CloudEventRecords {

    public static ProducerRecord<String, byte[]> toRecord(String topic, CloudEventMessage message) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(message.id())
                .withSource(URI.create(message.source()))
                .withType(message.type())
                .withSubject(message.subject())
                .withTime(message.time() == null ? null : OffsetDateTime.parse(message.time()))
                .withDataContentType(message.dataContentType());
        message.extensions().forEach(builder::withExtension);
        if (message.data() != null) {
            builder.withData(message.data().getBytes(StandardCharsets.UTF_8));
        }
        String key = message.extensions().getOrDefault("partitionkey",
                message.subject() != null ? message.subject() : message.id());
        return KafkaMessageFactory.createWriter(topic, null, null, key).writeBinary(builder.build());
    }

    /** @throws IllegalArgumentException when the record is not a CloudEvent (binary or structured mode) */
    public static CloudEventMessage fromRecord(ConsumerRecord<String, byte[]> record) {
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(record).toEvent();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("record " + record.topic() + "/" + record.partition() + "@"
                    + record.offset() + " is not a CloudEvent (binary mode: ce_* headers; structured mode:"
                    + " content-type application/cloudevents+json): " + e.getMessage(), e);
        }
        Map<String, String> extensions = new TreeMap<>();
        for (String name : event.getExtensionNames()) {
            extensions.put(name, String.valueOf(event.getExtension(name)));
        }
        return new CloudEventMessage(event.getId(), event.getSource().toString(), event.getType(), event.getSubject(),
                event.getTime() == null ? null : event.getTime().toString(), event.getDataContentType(),
                event.getData() == null ? null : new String(event.getData().toBytes(), StandardCharsets.UTF_8),
                extensions);
    }

    private CloudEventRecords() {
    }
}
