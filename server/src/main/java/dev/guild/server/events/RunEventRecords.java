package dev.guild.server.events;

import dev.guild.server.config.GuildTopics;
import dev.guild.workflows.RunEvent;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

/**
 * The one mapping between a {@link RunEvent} and a Kafka record of {@code guild.run-events}: a binary-mode
 * CloudEvent ({@code ce_*} headers), key = run id, value = the event's JSON data. Attributes: {@code id} = event id,
 * {@code source} = {@code /runs/<runId>}, {@code type} = the run event type, {@code subject} = run id,
 * {@code time}, and the extensions {@code runid}, {@code sequence} and {@code partitionkey}. docs/run-events.md.
 */
public final class RunEventRecords {
    public static final String EXT_RUN_ID = "runid";
    public static final String EXT_SEQUENCE = "sequence";
    public static final String EXT_PARTITION_KEY = "partitionkey";

    public static ProducerRecord<String, byte[]> toRecord(RunEvent event) {
        CloudEvent cloudEvent = CloudEventBuilder.v1()
                .withId(event.id())
                .withSource(URI.create("/runs/" + event.runId()))
                .withType(event.type())
                .withSubject(event.runId())
                .withTime(event.time() == null ? null : OffsetDateTime.parse(event.time()))
                .withDataContentType("application/json")
                .withExtension(EXT_RUN_ID, event.runId())
                .withExtension(EXT_SEQUENCE, event.sequence())
                .withExtension(EXT_PARTITION_KEY, event.runId())
                .withData(event.data() == null ? "{}".getBytes(StandardCharsets.UTF_8)
                        : event.data().getBytes(StandardCharsets.UTF_8))
                .build();
        return KafkaMessageFactory.createWriter(GuildTopics.RUN_EVENTS, null, null, event.runId())
                .writeBinary(cloudEvent);
    }

    /**
     * @throws IllegalArgumentException when the record is not a run event written by {@link #toRecord}
     */
    public static RunEvent fromRecord(ConsumerRecord<String, byte[]> record) {
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(record).toEvent();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("record " + record.topic() + "/" + record.partition() + "@"
                    + record.offset() + " is not a binary-mode CloudEvent: " + e.getMessage(), e);
        }
        Object runId = event.getExtension(EXT_RUN_ID);
        Object sequence = event.getExtension(EXT_SEQUENCE);
        if (runId == null || sequence == null) {
            throw new IllegalArgumentException("CloudEvent " + event.getId() + " lacks the '" + EXT_RUN_ID + "' or '"
                    + EXT_SEQUENCE + "' extension; it was not written as a run event");
        }
        long seq = sequence instanceof Number n ? n.longValue() : Long.parseLong(sequence.toString());
        String data = event.getData() == null ? "{}" : new String(event.getData().toBytes(), StandardCharsets.UTF_8);
        return new RunEvent(event.getId(), runId.toString(), seq, event.getType(),
                event.getTime() == null ? null : event.getTime().toInstant().toString(), data);
    }

    private RunEventRecords() {
    }
}
