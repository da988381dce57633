package dev.guild.server.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Checks {@link GuildSettings} as a whole and reports every problem at once, each with its key and value. */
public final class GuildConfigValidator {

    private GuildConfigValidator() {
    }

    /** Throws {@link InvalidConfigurationException} listing every problem, or returns the settings unchanged. */
    public static GuildSettings requireValid(GuildSettings settings) {
        List<ConfigProblem> problems = validate(settings);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return settings;
    }

    /** All problems, in key order of docs/configuration.md; empty when the configuration is usable. */
    public static List<ConfigProblem> validate(GuildSettings settings) {
        List<ConfigProblem> problems = new ArrayList<>();
        GuildConfig config = settings.guild();
        if (settings.anyEmbedded()) {
            checkDataDir(config.dataDir(), problems);
        }
        checkTemporal(config.temporal(), problems);
        checkKafka(settings, problems);
        checkPostgres(config.postgres(), problems);
        checkDistinctPorts(settings, problems);
        return List.copyOf(problems);
    }

    private static void checkDataDir(Path dir, List<ConfigProblem> problems) {
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            problems.add(new ConfigProblem("guild.data-dir", dir.toString(),
                    "is a file, not a directory: point it at a directory (it is created when missing)"));
        } else if (existing == null || !Files.isWritable(existing)) {
            problems.add(new ConfigProblem("guild.data-dir", dir.toString(),
                    "cannot be created or written (" + existing + " is not writable): choose a writable directory"));
        }
    }

    private static void checkTemporal(GuildConfig.Temporal temporal, List<ConfigProblem> problems) {
        temporal.target().ifPresent(target -> hostPort("guild.temporal.target", target, problems));
        if (temporal.namespace().isBlank()) {
            problems.add(new ConfigProblem("guild.temporal.namespace", temporal.namespace(),
                    "is blank: name a Temporal namespace, for example default"));
        }
        if (temporal.target().isEmpty()) {
            port("guild.temporal.port", temporal.port(), problems);
        }
        GuildConfig.Tls tls = temporal.tls();
        boolean tlsAsked = tls.enabled() || tls.cert().isPresent() || tls.key().isPresent() || tls.ca().isPresent();
        if (tlsAsked && temporal.target().isEmpty()) {
            problems.add(new ConfigProblem("guild.temporal.tls.enabled", String.valueOf(tls.enabled()),
                    "TLS applies only to an external cluster: set guild.temporal.target, or remove the guild.temporal.tls.* keys"));
        }
        if (tls.cert().isPresent() != tls.key().isPresent()) {
            String missing = tls.cert().isPresent() ? "guild.temporal.tls.key" : "guild.temporal.tls.cert";
            problems.add(new ConfigProblem(missing, null,
                    "mutual TLS needs both guild.temporal.tls.cert and guild.temporal.tls.key: set " + missing));
        }
        readableFile("guild.temporal.tls.cert", tls.cert(), problems);
        readableFile("guild.temporal.tls.key", tls.key(), problems);
        readableFile("guild.temporal.tls.ca", tls.ca(), problems);
    }

    private static void checkKafka(GuildSettings settings, List<ConfigProblem> problems) {
        GuildConfig.Kafka kafka = settings.guild().kafka();
        Optional<String> servers = settings.kafkaBootstrapServers();
        if (servers.isPresent()) {
            for (String server : servers.get().split(",")) {
                hostPort(GuildSettings.KAFKA_BOOTSTRAP_SERVERS, server.strip(), problems);
            }
        } else {
            port("guild.kafka.port", kafka.port(), problems);
            port("guild.kafka.controller-port", kafka.controllerPort(), problems);
            if (kafka.topics().replicationFactor() > 1) {
                problems.add(new ConfigProblem("guild.kafka.topics.replication-factor",
                        String.valueOf(kafka.topics().replicationFactor()),
                        "the embedded broker is a single node: use 1, or set kafka.bootstrap.servers to a cluster"));
            }
        }
        if (kafka.topics().partitions() < 1) {
            problems.add(new ConfigProblem("guild.kafka.topics.partitions", String.valueOf(kafka.topics().partitions()),
                    "must be at least 1"));
        }
        if (kafka.topics().replicationFactor() < 1) {
            problems.add(new ConfigProblem("guild.kafka.topics.replication-factor",
                    String.valueOf(kafka.topics().replicationFactor()), "must be at least 1"));
        }
    }

    private static void checkPostgres(GuildConfig.Postgres postgres, List<ConfigProblem> problems) {
        if (postgres.jdbcUrl().isPresent()) {
            String url = postgres.jdbcUrl().get();
            if (!url.startsWith("jdbc:postgresql:")) {
                problems.add(new ConfigProblem("guild.postgres.jdbc-url", redactJdbcUrl(url),
                        "is not a PostgreSQL JDBC URL: write jdbc:postgresql://host:5432/database"));
            }
        } else {
            port("guild.postgres.port", postgres.port(), problems);
            if (postgres.username().isPresent() || postgres.password().isPresent()) {
                problems.add(new ConfigProblem("guild.postgres.username", postgres.username().orElse(null),
                        "user and password are used only with guild.postgres.jdbc-url (the embedded server uses postgres):"
                                + " set guild.postgres.jdbc-url or remove them"));
            }
        }
        if (postgres.maxPoolSize() < 1) {
            problems.add(new ConfigProblem("guild.postgres.max-pool-size", String.valueOf(postgres.maxPoolSize()),
                    "must be at least 1"));
        }
    }

    private static void checkDistinctPorts(GuildSettings settings, List<ConfigProblem> problems) {
        GuildConfig config = settings.guild();
        Map<String, Integer> ports = new LinkedHashMap<>();
        if (config.temporal().target().isEmpty()) {
            ports.put("guild.temporal.port", config.temporal().port());
        }
        if (settings.kafkaBootstrapServers().isEmpty()) {
            ports.put("guild.kafka.port", config.kafka().port());
            ports.put("guild.kafka.controller-port", config.kafka().controllerPort());
        }
        if (config.postgres().jdbcUrl().isEmpty()) {
            ports.put("guild.postgres.port", config.postgres().port());
        }
        Map<Integer, String> seen = new LinkedHashMap<>();
        ports.forEach((key, port) -> {
            if (port == 0) {
                return;
            }
            String other = seen.putIfAbsent(port, key);
            if (other != null) {
                problems.add(new ConfigProblem(key, String.valueOf(port),
                        "is also the port of " + other + ": give each embedded service its own port, or 0 for a free one"));
            }
        });
    }

    private static void hostPort(String key, String value, List<ConfigProblem> problems) {
        try {
            HostPort.parse(value);
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem(key, value, e.getMessage()));
        }
    }

    private static void port(String key, int port, List<ConfigProblem> problems) {
        if (port < 0 || port > 65535) {
            problems.add(new ConfigProblem(key, String.valueOf(port),
                    "is not a port: use 1..65535, or 0 to pick a free port at start"));
        }
    }

    private static void readableFile(String key, Optional<Path> file, List<ConfigProblem> problems) {
        file.filter(f -> !Files.isRegularFile(f) || !Files.isReadable(f)).ifPresent(f -> problems.add(
                new ConfigProblem(key, f.toString(), "is not a readable file: point it at a PEM file")));
    }

    /** A JDBC URL with the value of any {@code password=} parameter replaced, for logs and error messages. */
    public static String redactJdbcUrl(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
