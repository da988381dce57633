package dev.guild.server.dispatch;

import dev.guild.server.embedded.KafkaEndpoint;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Kafka consumer on its own thread with at-least-once processing: offsets are committed only after the handler
 * returned for the whole batch. When the handler throws (a transient failure: Temporal or PostgreSQL unreachable),
 * nothing is committed, the consumer seeks back to the batch's first offsets and retries after a backoff
 * (200 ms doubling up to 10 s). Handlers must therefore be idempotent; permanent failures are theirs to dead-letter.
 */
public final class ConsumerLoop implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    /** Processes one polled batch, in record order per partition. Throwing means: retry the batch later. */
    @FunctionalInterface
    public interface BatchHandler {
        void handle(List<ConsumerRecord<String, byte[]>> records) throws Exception;
    }

    private final String name;
    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final BatchHandler handler;
    private final Thread thread;
    private volatile boolean running = true;

    public ConsumerLoop(String name, KafkaEndpoint kafka, String topic, String groupId, int maxPollRecords,
                        BatchHandler handler) {
        this.name = name;
        this.topic = topic;
        this.handler = handler;
        Map<String, Object> config = kafka.clientConfig();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // a restarted process (kill -9) gets the partitions of its dead predecessor after at most 10 s, not 45 s
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = Thread.ofPlatform().name(name).daemon().unstarted(this::run);
    }

    public ConsumerLoop start() {
        thread.start();
        return this;
    }

    private void run() {
        Duration backoff = MIN_BACKOFF;
        try {
            consumer.subscribe(List.of(topic));
            while (running) {
                ConsumerRecords<String, byte[]> polled = consumer.poll(Duration.ofMillis(200));
                if (polled.isEmpty()) {
                    continue;
                }
                List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(polled.count());
                polled.forEach(records::add);
                try {
                    handler.handle(records);
                    consumer.commitSync(nextOffsets(records));
                    backoff = MIN_BACKOFF;
                } catch (WakeupException e) {
                    throw e;
                } catch (Exception e) {
                    if (Thread.currentThread().isInterrupted() || !running) {
                        break;
                    }
                    LOG.warnf("%s: %d record(s) of %s not processed, retrying in %d ms: %s", name, records.size(),
                            topic, backoff.toMillis(), e.toString());
                    firstOffsets(records).forEach(consumer::seek);
                    Thread.sleep(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s stopped: consuming %s failed", name, topic);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(List<ConsumerRecord<String, byte[]>> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            offsets.merge(new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        return offsets;
    }

    private static Map<TopicPartition, Long> firstOffsets(List<ConsumerRecord<String, byte[]>> records) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            offsets.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
        }
        return offsets;
    }

    /** Stops polling, waits for the batch in progress, and closes the consumer. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
