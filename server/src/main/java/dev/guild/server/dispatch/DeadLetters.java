package dev.guild.server.dispatch;

import dev.guild.server.config.GuildTopics;
import dev.guild.server.embedded.KafkaEndpoint;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Moves a record that can never be processed to {@code guild.dead-letter}: same key, value and headers, plus
 * {@code guild_dlq_reason} (why), {@code guild_dlq_source} ({@code topic/partition@offset}) and
 * {@code guild_dlq_consumer} (who gave up). Blocks until the broker acknowledged; throws otherwise, so the
 * caller retries instead of losing the record.
 */
public final class DeadLetters implements AutoCloseable {
    public static final String HEADER_REASON = "guild_dlq_reason";
    public static final String HEADER_SOURCE = "guild_dlq_source";
    public static final String HEADER_CONSUMER = "guild_dlq_consumer";
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final KafkaProducer<String, byte[]> producer;

    public DeadLetters(KafkaEndpoint kafka) {
        Map<String, Object> config = kafka.clientConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "guild-dead-letters");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000L);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    public void send(ConsumerRecord<String, byte[]> record, String consumer, String reason) throws Exception {
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(GuildTopics.DEAD_LETTER, record.key(), record.value());
        for (Header header : record.headers()) {
            dead.headers().add(header);
        }
        dead.headers().add(HEADER_REASON, reason.getBytes(StandardCharsets.UTF_8));
        dead.headers().add(HEADER_SOURCE, (record.topic() + "/" + record.partition() + "@" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
        dead.headers().add(HEADER_CONSUMER, consumer.getBytes(StandardCharsets.UTF_8));
        producer.send(dead).get(15, TimeUnit.SECONDS);
        LOG.warnf("%s: record %s/%d@%d (key %s) moved to %s: %s", consumer, record.topic(), record.partition(),
                record.offset(), record.key(), GuildTopics.DEAD_LETTER, reason);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
