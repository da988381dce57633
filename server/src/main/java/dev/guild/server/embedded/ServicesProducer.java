package dev.guild.server.embedded;

import dev.guild.server.config.GuildConfig;
import dev.guild.server.config.GuildSettings;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.Startup;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.util.concurrent.TimeUnit;

/**
 * CDI beans for the services, inside the Quarkus application. Inject what you need:
 * <ul>
 *   <li>{@link WorkflowClient} and {@link WorkflowServiceStubs} (for a {@code WorkerFactory}) for Temporal,
 *       already on the configured namespace;</li>
 *   <li>{@link KafkaEndpoint} for Kafka: {@link KafkaEndpoint#clientConfig()} is the base of every producer and
 *       consumer; topic names are in {@link dev.guild.server.config.GuildTopics};</li>
 *   <li>{@link javax.sql.DataSource} for PostgreSQL, migrated by Flyway before anyone gets it;</li>
 *   <li>{@link TemporalEndpoint}, {@link PostgresEndpoint} and {@link GuildServices} for addresses and the report.</li>
 * </ul>
 * The services start at application start, before other {@code @Startup} beans (or earlier, when first injected),
 * and stop when the application context is destroyed, that is after every {@code ShutdownEvent} observer ran: stop
 * your workers and consumers in a {@code ShutdownEvent} observer or a {@code @PreDestroy} of a bean that injects them.
 */
@Singleton
public class ServicesProducer {

    /** Start-up priority of the services; lower runs first, other {@code @Startup} beans default to 2500. */
    public static final int STARTUP_PRIORITY = 100;

    private static final Logger LOG = Logger.getLogger(ServicesProducer.class);

    @Produces
    @Singleton
    @Startup(STARTUP_PRIORITY)
    GuildServices services(GuildConfig guild, Config config) {
        return GuildServices.start(GuildSettings.from(guild, config));
    }

    void stop(@Disposes GuildServices services) {
        services.close();
    }

    @Produces
    @Singleton
    TemporalEndpoint temporalEndpoint(GuildServices services) {
        return services.temporal();
    }

    @Produces
    @Singleton
    KafkaEndpoint kafkaEndpoint(GuildServices services) {
        return services.kafka();
    }

    @Produces
    @Singleton
    PostgresEndpoint postgresEndpoint(GuildServices services) {
        return services.postgres();
    }

    @Produces
    @Singleton
    @Startup(STARTUP_PRIORITY + 1)
    AgroalDataSource dataSource(GuildServices services, GuildConfig guild) {
        AgroalDataSource dataSource = PostgresDataSources.open(services.postgres(), guild.postgres().maxPoolSize());
        try {
            int applied = PostgresDataSources.migrate(dataSource);
            LOG.infof("postgres migrations: %d applied now", applied);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return dataSource;
    }

    void close(@Disposes AgroalDataSource dataSource) {
        dataSource.close();
    }

    @Produces
    @Singleton
    WorkflowServiceStubs workflowServiceStubs(GuildServices services) {
        return TemporalClients.serviceStubs(services.temporal(), services.temporalInProcessChannel());
    }

    void close(@Disposes WorkflowServiceStubs stubs) throws InterruptedException {
        stubs.shutdown();
        stubs.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Produces
    @Singleton
    WorkflowClient workflowClient(WorkflowServiceStubs stubs, TemporalEndpoint temporal) {
        return WorkflowClient.newInstance(stubs,
                WorkflowClientOptions.newBuilder().setNamespace(temporal.namespace()).build());
    }
}
