package dev.guild.server.config;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.Config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything the services need from configuration: the {@code guild.*} mapping and the standard {@code kafka.*}
 * client keys (without their {@code kafka.} prefix).
 *
 * @param guild the {@code guild.*} keys
 * @param kafka {@code kafka.*} keys without the prefix, e.g. {@code bootstrap.servers}; passed to Kafka clients
 */
public record GuildSettings(GuildConfig guild, Map<String, String> kafka) {

    /** The standard key that points Guild at a Kafka cluster instead of the embedded broker. */
    public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";

    public GuildSettings {
        kafka = Collections.unmodifiableMap(new TreeMap<>(kafka));
    }

    /** {@code kafka.bootstrap.servers} when set: then no broker is embedded. */
    public Optional<String> kafkaBootstrapServers() {
        return Optional.ofNullable(kafka.get("bootstrap.servers")).filter(s -> !s.isBlank());
    }

    /** Reads the settings from a running config (inside Quarkus: the application's config). */
    public static GuildSettings from(Config config) {
        return from(config.unwrap(SmallRyeConfig.class).getConfigMapping(GuildConfig.class), config);
    }

    /** Combines the mapped {@code guild.*} keys with the {@code kafka.*} keys of {@code config}. */
    public static GuildSettings from(GuildConfig guild, Config config) {
        Map<String, String> kafka = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("kafka.")) {
                config.getOptionalValue(name, String.class).ifPresent(v -> kafka.put(name.substring(6), v));
            }
        }
        // Environment variables (KAFKA_BOOTSTRAP_SERVERS) are found by name only, not by iteration.
        config.getOptionalValue(KAFKA_BOOTSTRAP_SERVERS, String.class).ifPresent(v -> kafka.put("bootstrap.servers", v));
        return new GuildSettings(guild, kafka);
    }

    /**
     * Builds the settings outside Quarkus (the {@code dev-services} mode, tests): system properties, environment,
     * {@code application.properties} on the class path, then {@code overrides} above all of them.
     *
     * @param profile   config profile whose {@code %profile.} keys apply, e.g. {@code prod}
     * @param overrides highest-priority values, e.g. from a test
     */
    public static GuildSettings load(String profile, Map<String, String> overrides) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .addDefaultSources()
                .withProfile(profile)
                .withMapping(GuildConfig.class)
                .withSources(new PropertiesConfigSource(overrides, "overrides", 500));
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            for (URL url : Collections.list(loader.getResources("application.properties"))) {
                try (InputStream in = url.openStream()) {
                    java.util.Properties props = new java.util.Properties();
                    props.load(in);
                    Map<String, String> map = new TreeMap<>();
                    props.forEach((k, v) -> map.put(k.toString(), v.toString()));
                    builder.withSources(new PropertiesConfigSource(map, url.toString(), 250));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read application.properties from the class path: " + e.getMessage(), e);
        }
        return from(builder.build());
    }
}
