package dev.guild.bench.e2e;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Follows {@code guild.run-events} from its end (no consumer group) and notes, per run id, when its
 * {@code run.started} and {@code run.completed} arrived and how many distinct terminal events ({@code run.completed}, {@code run.failed})
 * it had. A re-published event (same CloudEvent id) is not a second terminal event.
 */
final class RunCompletions implements AutoCloseable {
    static final String TOPIC = "guild.run-events";

    /** First arrival of a run's terminal event, {@link System#nanoTime()}; and the distinct terminal event ids. */
    record Terminal(long arrivedNanos, String type, Set<String> eventIds) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Terminal> terminals = new ConcurrentHashMap<>();
    private final Map<String, Long> starts = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile boolean running = true;

    RunCompletions(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        poller = Thread.ofPlatform().name("bench-run-events").start(this::poll);
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    String type = header(record, "ce_type");
                    if ("run.started".equals(type)) {
                        starts.putIfAbsent(record.key(), System.nanoTime());
                    }
                    if ("run.completed".equals(type) || "run.failed".equals(type)) {
                        long now = System.nanoTime();
                        String id = header(record, "ce_id");
                        terminals.compute(record.key(), (run, seen) -> {
                            Terminal t = seen == null ? new Terminal(now, type, ConcurrentHashMap.newKeySet()) : seen;
                            t.eventIds().add(id);
                            return t;
                        });
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    Terminal terminal(String runId) {
        return terminals.get(runId);
    }

    /** When the run's {@code run.started} first arrived ({@link System#nanoTime()}), or null. */
    Long started(String runId) {
        return starts.get(runId);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        poller.join(10_000);
    }
}
