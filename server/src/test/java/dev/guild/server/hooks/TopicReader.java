package dev.guild.server.hooks;

import dev.guild.server.embedded.KafkaEndpoint;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reads a topic from its end at creation (no consumer group), so a test sees only the records it caused. */
public final class TopicReader implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    public TopicReader(KafkaEndpoint kafka, String topic) {
        Map<String, Object> config = kafka.clientConfig();
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fix the end now, before the test produces
    }

    /** Polls until {@code done} holds for the records seen so far (matching {@code filter}) or the timeout passes. */
    public List<ConsumerRecord<String, byte[]>> read(Predicate<ConsumerRecord<String, byte[]>> filter,
                                                      Predicate<List<ConsumerRecord<String, byte[]>>> done,
                                                      Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ConsumerRecord<String, byte[]>> matching = seen.stream().filter(filter).toList();
            if (done.test(matching) || System.nanoTime() > deadline) {
                return matching;
            }
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
