package dev.guild.server.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Guild's own configuration, every key under {@code guild.}. Each key has a default; the whole set is checked
 * at start by {@link GuildConfigValidator}, which reports every problem at once. docs/configuration.md is the
 * table of these keys. Kafka clients also read the standard {@code kafka.*} keys (see {@link Kafka}).
 */
@ConfigMapping(prefix = "guild")
public interface GuildConfig {

    /** Directory under which the embedded services keep their data ({@code kafka/}, {@code postgres/}). */
    @WithDefault("${user.home}/.guild")
    Path dataDir();

    /**
     * When {@code true}, the embedded services keep their data in a fresh directory under {@link #dataDir()} that is
     * deleted when the process stops. Meant for tests; nothing survives a restart.
     */
    @WithDefault("false")
    boolean ephemeral();

    /** Temporal: the embedded Java test server, or a real cluster when {@link Temporal#target()} is set. */
    Temporal temporal();

    /** Kafka: the embedded KRaft broker, or a real cluster when {@code kafka.bootstrap.servers} is set. */
    Kafka kafka();

    /** PostgreSQL: the embedded server, or a real one when {@link Postgres#jdbcUrl()} is set. */
    Postgres postgres();

    interface Temporal {
        /** {@code host:port} of a Temporal frontend. When set, no Temporal server is embedded. */
        Optional<String> target();

        /** Namespace that clients and workers use. */
        @WithDefault("default")
        String namespace();

        /** gRPC port of the embedded server; {@code 0} picks a free port. Ignored when {@link #target()} is set. */
        @WithDefault("7233")
        int port();

        /** TLS towards {@link #target()}; not used by the embedded server. */
        Tls tls();
    }

    interface Tls {
        /** Use TLS towards the target. Implied when any of the files below is set. */
        @WithDefault("false")
        boolean enabled();

        /** PEM client certificate chain for mutual TLS; needs {@link #key()}. */
        Optional<Path> cert();

        /** PEM PKCS#8 private key of {@link #cert()}. */
        Optional<Path> key();

        /** PEM CA certificate(s) to trust instead of the JVM's default trust store. */
        Optional<Path> ca();
    }

    /**
     * Kafka. The cluster is chosen by the standard {@code kafka.bootstrap.servers} key (not under {@code guild.}):
     * when set, no broker is embedded and every other {@code kafka.*} key (security.protocol, sasl.*, ssl.*) is
     * passed to Guild's Kafka clients as is.
     */
    interface Kafka {
        /** Client port of the embedded broker; {@code 0} picks a free port. */
        @WithDefault("9092")
        int port();

        /** KRaft controller port of the embedded broker; {@code 0} picks a free port. */
        @WithDefault("9093")
        int controllerPort();

        /** Topics created at start (existing topics are left as they are). */
        Topics topics();
    }

    interface Topics {
        /** Partitions of each Guild topic when it is created. */
        @WithDefault("3")
        int partitions();

        /** Replication factor of each Guild topic when it is created; must be 1 on the embedded broker. */
        @WithDefault("1")
        short replicationFactor();
    }

    interface Postgres {
        /** JDBC URL ({@code jdbc:postgresql://host:port/db}) of a real PostgreSQL. When set, none is embedded. */
        Optional<String> jdbcUrl();

        /** User for {@link #jdbcUrl()}; the embedded server always uses {@code postgres}. */
        Optional<String> username();

        /** Password for {@link #jdbcUrl()}. */
        Optional<String> password();

        /** Port of the embedded server; {@code 0} picks a free port. Ignored when {@link #jdbcUrl()} is set. */
        @WithDefault("5432")
        int port();

        /** Largest number of pooled connections of the DataSource. */
        @WithDefault("16")
        int maxPoolSize();
    }
}
