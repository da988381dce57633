package dev.guild.server.dispatch;

import dev.guild.server.embedded.KafkaEndpoint;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** At-least-once on the embedded broker: a failing batch is retried from its first record and never committed. */
@QuarkusTest
class ConsumerLoopTest {

    @Inject
    KafkaEndpoint kafka;

    @Test
    void a_failing_batch_is_retried_from_its_first_offset_and_committed_only_after_it_succeeded() throws Exception {
        String topic = "test.consumer-loop." + System.nanoTime();
        String group = "test-consumer-loop";
        TopicPartition partition = new TopicPartition(topic, 0);
        try (Admin admin = Admin.create(kafka.clientConfig());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.clientConfig(), new StringSerializer(),
                     new ByteArraySerializer())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(topic, "k", ("r" + i).getBytes(StandardCharsets.UTF_8)))
                        .get(10, TimeUnit.SECONDS);
            }
            AtomicInteger attempts = new AtomicInteger();
            List<Long> firstOffsets = new CopyOnWriteArrayList<>();
            List<Boolean> committedWhileFailing = new CopyOnWriteArrayList<>();
            ConsumerLoop.BatchHandler handler = records -> {
                firstOffsets.add(records.getFirst().offset());
                if (attempts.incrementAndGet() <= 2) {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                    committedWhileFailing.add(committed.get(partition) != null);
                    throw new IllegalStateException("Temporal is unavailable (attempt " + attempts.get() + ")");
                }
            };
            try (ConsumerLoop loop = new ConsumerLoop("test-loop", kafka, topic, group, 10, handler).start()) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (true) {
                    OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS).get(partition);
                    if (committed != null && committed.offset() == 3) {
                        break;
                    }
                    assertThat(System.nanoTime()).as("offset 3 committed in time").isLessThan(deadline);
                    Thread.sleep(50);
                }
            }
            assertThat(attempts.get()).isGreaterThanOrEqualTo(3);
            assertThat(firstOffsets.subList(0, 3)).containsExactly(0L, 0L, 0L);
            assertThat(committedWhileFailing).containsExactly(false, false);
        }
    }
}
