package dev.guild.server.embedded;

import dev.guild.server.config.GuildConfig;
import dev.guild.server.config.GuildConfigValidator;
import dev.guild.server.config.GuildSettings;
import dev.guild.server.config.GuildTopics;
import dev.guild.server.embedded.internal.DataDirs;
import dev.guild.server.embedded.internal.EmbeddedKafka;
import dev.guild.server.embedded.internal.EmbeddedPostgresServer;
import dev.guild.server.embedded.internal.EmbeddedTemporal;
import dev.guild.server.embedded.internal.Ports;
import dev.guild.server.embedded.internal.TopicCreator;
import io.grpc.ManagedChannel;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The three services Guild needs (Temporal, Kafka, PostgreSQL), each either embedded in this process or an external
 * one named by configuration. {@link #start} brings them up in that order, creates the Kafka topics and logs one
 * line per service; {@link #close} stops the embedded ones in reverse order. Plain Java: the Quarkus application
 * and the {@code dev-services} mode both use it.
 */
public final class GuildServices implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GuildServices.class);

    private final TemporalEndpoint temporal;
    private final KafkaEndpoint kafka;
    private final PostgresEndpoint postgres;
    private final List<ServiceReport> report;
    private final Deque<AutoCloseable> running;
    private final Path dataDir;
    private final ManagedChannel temporalChannel;

    private GuildServices(TemporalEndpoint temporal, KafkaEndpoint kafka, PostgresEndpoint postgres,
                          List<ServiceReport> report, Deque<AutoCloseable> running, Path dataDir,
                          ManagedChannel temporalChannel) {
        this.dataDir = dataDir;
        this.temporalChannel = temporalChannel;
        this.temporal = temporal;
        this.kafka = kafka;
        this.postgres = postgres;
        this.report = report;
        this.running = running;
    }

    /**
     * Validates the settings (every problem at once), then starts or connects to each service.
     *
     * @throws dev.guild.server.config.InvalidConfigurationException when the settings have problems
     * @throws IllegalStateException when a service cannot start; services already started are stopped again
     */
    public static GuildServices start(GuildSettings settings) {
        GuildConfigValidator.requireValid(settings);
        GuildConfig config = settings.guild();
        Deque<AutoCloseable> running = new ArrayDeque<>();
        try {
            Path dataDir = config.ephemeral()
                    ? DataDirs.ephemeral(config.dataDir(), running)
                    : config.dataDir().toAbsolutePath();
            if (settings.anyEmbedded()) {
                running.push(DataDirs.lock(dataDir));
            }
            long t0 = System.nanoTime();
            TemporalEndpoint temporal = temporal(config.temporal(), running);
            long t1 = System.nanoTime();
            KafkaEndpoint kafka = kafka(settings, dataDir, running);
            List<String> created = TopicCreator.createMissing(kafka.clientConfig(), GuildTopics.ALL,
                    config.kafka().topics().partitions(), config.kafka().topics().replicationFactor());
            long t2 = System.nanoTime();
            PostgresEndpoint postgres = postgres(config.postgres(), dataDir, running);
            long t3 = System.nanoTime();
            List<ServiceReport> report = List.of(
                    report("temporal", temporal.embedded(), temporal.target(), temporal.embedded()
                            ? "Java test server, namespace " + temporal.namespace()
                            + "; workflow state is in memory and lost when this process stops"
                            : "namespace " + temporal.namespace() + (temporal.tls().enabled() ? ", TLS" : ", plaintext"),
                            t1 - t0),
                    report("kafka", kafka.embedded(), kafka.bootstrapServers(),
                            (kafka.embedded() ? "KRaft broker, log in " + dataDir.resolve("kafka") + "; " : "")
                                    + "topics " + String.join(", ", GuildTopics.ALL)
                                    + (created.isEmpty() ? " exist" : ", created now: " + String.join(", ", created)),
                            t2 - t1),
                    report("postgres", postgres.embedded(),
                            GuildConfigValidator.redactJdbcUrl(postgres.jdbcUrl()),
                            postgres.embedded() ? "PostgreSQL 17, data in " + dataDir.resolve("postgres")
                                    + ", user " + postgres.username() : "user " + postgres.username(),
                            t3 - t2));
            report.forEach(r -> LOG.info(r.line()));
            ManagedChannel channel = running.stream().filter(EmbeddedTemporal.class::isInstance)
                    .map(s -> ((EmbeddedTemporal) s).channel()).findFirst().orElse(null);
            return new GuildServices(temporal, kafka, postgres, report, running, dataDir, channel);
        } catch (RuntimeException e) {
            closeAll(running, e);
            throw e;
        }
    }

    private static ServiceReport report(String service, boolean embedded, String address, String detail, long nanos) {
        return new ServiceReport(service, embedded, address, detail, java.time.Duration.ofNanos(nanos));
    }

    private static TemporalEndpoint temporal(GuildConfig.Temporal config, Deque<AutoCloseable> running) {
        if (config.target().isPresent()) {
            GuildConfig.Tls tls = config.tls();
            boolean enabled = tls.enabled() || tls.cert().isPresent() || tls.ca().isPresent();
            return new TemporalEndpoint(config.target().get().strip(), config.namespace(), false,
                    new TemporalEndpoint.Tls(enabled, tls.cert(), tls.key(), tls.ca()));
        }
        EmbeddedTemporal server = EmbeddedTemporal.start(Ports.resolve("guild.temporal.port", config.port()));
        running.push(server);
        return new TemporalEndpoint(server.target(), config.namespace(), true, TemporalEndpoint.Tls.NONE);
    }

    private static KafkaEndpoint kafka(GuildSettings settings, Path dataDir, Deque<AutoCloseable> running) {
        if (settings.kafkaBootstrapServers().isPresent()) {
            return new KafkaEndpoint(settings.kafkaBootstrapServers().get(), false, settings.kafka());
        }
        GuildConfig.Kafka config = settings.guild().kafka();
        int port = Ports.resolve("guild.kafka.port", config.port());
        int controllerPort = Ports.resolve("guild.kafka.controller-port", config.controllerPort());
        EmbeddedKafka broker = EmbeddedKafka.start(dataDir.resolve("kafka"), port, controllerPort);
        running.push(broker);
        return new KafkaEndpoint(broker.bootstrapServers(), true, java.util.Map.of());
    }

    private static PostgresEndpoint postgres(GuildConfig.Postgres config, Path dataDir, Deque<AutoCloseable> running) {
        if (config.jdbcUrl().isPresent()) {
            return new PostgresEndpoint(config.jdbcUrl().get(), config.username().orElse(""),
                    config.password().orElse(""), false);
        }
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir.resolve("postgres"),
                Ports.resolve("guild.postgres.port", config.port()));
        running.push(server);
        return new PostgresEndpoint(server.jdbcUrl(), EmbeddedPostgresServer.USER, "", true);
    }

    /**
     * The data directory in use: {@code guild.data-dir}, or the fresh directory under it when
     * {@code guild.ephemeral=true}. Tools keep their files under it ({@code artifacts/}, {@code booking/}).
     */
    public Path dataDir() {
        return dataDir;
    }

    public TemporalEndpoint temporal() {
        return temporal;
    }

    /**
     * A channel to the embedded Temporal server inside this process, for this process's own worker and client (see
     * {@link TemporalClients#serviceStubs(TemporalEndpoint, Optional)}); empty when Temporal is external
     * ({@code guild.temporal.target}), which is then reached over the network only. Closed by {@link #close()}.
     */
    public Optional<ManagedChannel> temporalInProcessChannel() {
        return Optional.ofNullable(temporalChannel);
    }

    public KafkaEndpoint kafka() {
        return kafka;
    }

    public PostgresEndpoint postgres() {
        return postgres;
    }

    /** One entry per service, in start order: embedded or external, and where it listens. */
    public List<ServiceReport> report() {
        return report;
    }

    /** Stops the embedded services, last started first. Safe to call twice. */
    @Override
    public synchronized void close() {
        closeAll(running, null);
    }

    private static void closeAll(Deque<AutoCloseable> running, RuntimeException failure) {
        while (!running.isEmpty()) {
            AutoCloseable service = running.pop();
            try {
                service.close();
            } catch (Exception e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                } else {
                    LOG.errorf(e, "stopping %s failed", service.getClass().getSimpleName());
                }
            }
        }
    }
}
