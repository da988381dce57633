package dev.guild.server.embedded;

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

    /** {@link #clientConfig()} plus {@code extra}, as {@link Properties}. */
    public Properties toProperties(Map<String, ?> extra) {
        Properties properties = new Properties();
        properties.putAll(clientProperties);
        properties.putAll(extra);
        return properties;
    }
}
