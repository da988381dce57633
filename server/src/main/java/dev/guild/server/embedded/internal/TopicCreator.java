package dev.guild.server.embedded.internal;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Creates topics that do not exist yet; existing topics are left untouched (their partitions are not changed). */
public final class TopicCreator {

    private TopicCreator() {
    }

    /**
     * @param clientConfig Kafka client settings (bootstrap servers and security)
     * @return the topics that were created now (the others existed)
     */
    public static List<String> createMissing(Map<String, Object> clientConfig, List<String> topics, int partitions,
                                             short replicationFactor) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        try (Admin admin = Admin.create(config)) {
            var result = admin.createTopics(topics.stream()
                    .map(t -> new NewTopic(t, partitions, replicationFactor)).toList());
            List<String> created = new java.util.ArrayList<>();
            for (String topic : topics) {
                try {
                    result.values().get(topic).get(30, TimeUnit.SECONDS);
                    created.add(topic);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create Kafka topic " + topic + " (" + partitions
                                + " partitions, replication factor " + replicationFactor + ") on "
                                + config.get("bootstrap.servers") + ": " + e.getCause().getMessage(), e.getCause());
                    }
                } catch (TimeoutException e) {
                    throw new IllegalStateException("Kafka at " + config.get("bootstrap.servers")
                            + " did not answer within 30 s while creating topic " + topic
                            + ": check kafka.bootstrap.servers and that the cluster is up", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while creating Kafka topic " + topic, e);
                }
            }
            return List.copyOf(created);
        }
    }
}
