package dev.guild.server.config;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.Config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
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

    /** Whether at least one service is embedded (and so the data directory is used). */
    public boolean anyEmbedded() {
        return guild.temporal().target().isEmpty() || kafkaBootstrapServers().isEmpty()
                || guild.postgres().jdbcUrl().isEmpty();
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
     * Builds the settings outside Quarkus (the {@code dev-services} mode, tests) from the same sources as Quarkus,
     * highest first: {@code overrides}, system properties, environment, {@code config/application.properties} in the
     * working directory, {@code application.properties} on the class path.
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
                // Other packages map their own guild.* keys (guild.triggers.*, ...); they are not ours to reject.
                .withValidateUnknown(false)
                .withSources(new PropertiesConfigSource(overrides, "overrides", 500));
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            for (URL url : Collections.list(loader.getResources("application.properties"))) {
                builder.withSources(properties(url, 250));
            }
            // Like Quarkus: config/application.properties in the working directory overrides the packaged one.
            Path local = Path.of("config", "application.properties");
            if (Files.isRegularFile(local)) {
                builder.withSources(properties(local.toUri().toURL(), 260));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read application.properties: " + e.getMessage(), e);
        }
        return from(builder.build());
    }

    private static PropertiesConfigSource properties(URL url, int ordinal) throws IOException {
        try (InputStream in = url.openStream()) {
            Properties props = new Properties();
            props.load(in);
            Map<String, String> map = new TreeMap<>();
            props.forEach((k, v) -> map.put(k.toString(), v.toString()));
            return new PropertiesConfigSource(map, url.toString(), ordinal);
        }
    }
}
