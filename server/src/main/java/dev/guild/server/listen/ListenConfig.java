package dev.guild.server.listen;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** CloudEvents of workflows' {@code emit} and {@code listen} tasks ({@code guild.events.*}). */
@ConfigMapping(prefix = "guild.events")
public interface ListenConfig {

    /**
     * Kafka topic that {@code emit} publishes to and whose events wake up runs waiting in {@code listen}. Guild creates
     * {@code guild.events} at start; create any other topic yourself.
     */
    @WithDefault("guild.events")
    String topic();

    /** Whether this process consumes the topic and signals the waiting runs (one consumer group across processes). */
    @WithDefault("true")
    boolean consume();
}
