package dev.guild.server.embedded;

import org.apache.kafka.clients.producer.ProducerConfig;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where Kafka is, and the base configuration every Guild Kafka client starts from.
 *
 * @param bootstrapServers  {@code host:port[,host:port...]}
 * @param embedded          whether this process runs the broker
 * @param clientProperties  client settings (at least {@code bootstrap.servers}; for an external cluster every
 *                          {@code kafka.*} key such as {@code security.protocol}), without the {@code kafka.} prefix
 */
public record KafkaEndpoint(String bootstrapServers, boolean embedded, Map<String, String> clientProperties) {

    public KafkaEndpoint {
        Map<String, String> copy = new HashMap<>(clientProperties);
        copy.put("bootstrap.servers", bootstrapServers);
        clientProperties = Map.copyOf(copy);
    }

    /**
     * A fresh, mutable copy of the base client configuration: add serializers, group id and the like, then hand it
     * to {@code new KafkaProducer<>(...)} or {@code new KafkaConsumer<>(...)}.
     */
    public Map<String, Object> clientConfig() {
        return new HashMap<>(clientProperties);
    }

    /**
     * {@link #clientConfig()} for a producer whose sends are acknowledged by all in-sync replicas (acks=all,
     * idempotent) within {@code timeout}: blocking, delivery and request time all fit in it.
     */
    public Map<String, Object> acknowledgedProducerConfig(String clientId, Duration timeout) {
        Map<String, Object> config = clientConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis() - 1);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return config;
    }

    /** {@link #clientConfig()} plus {@code extra}, as {@link Properties}. */
    public Properties toProperties(Map<String, ?> extra) {
        Properties properties = new Properties();
        properties.putAll(clientProperties);
        properties.putAll(extra);
        return properties;
    }
}
