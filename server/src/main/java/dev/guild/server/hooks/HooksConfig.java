package dev.guild.server.hooks;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the webhook edge shared by all triggers ({@code guild.hooks.*}). */
@ConfigMapping(prefix = "guild.hooks")
public interface HooksConfig {

    /** How far {@code webhook-timestamp} may lie from the server clock, either way. Standard Webhooks uses 5 minutes. */
    @WithDefault("5m")
    Duration timestampTolerance();

    /**
     * Longest time to wait for the Kafka broker to acknowledge a trigger before answering 503
     * (bounds the producer's max.block.ms and delivery.timeout.ms).
     */
    @WithDefault("5s")
    Duration publishTimeout();

    /** Value of the {@code Retry-After} header sent with 503 when Kafka is unavailable. */
    @WithDefault("5s")
    Duration retryAfter();
}
