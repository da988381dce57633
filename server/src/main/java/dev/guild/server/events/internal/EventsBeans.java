package dev.guild.server.events.internal;

import dev.guild.server.events.RunEventProjection;
import dev.guild.server.events.RunEventStore;
import dev.guild.server.events.RunEventBus;

import dev.guild.server.config.GuildTopics;
import dev.guild.server.dispatch.ConsumerLoop;
import dev.guild.server.dispatch.DeadLetters;
import dev.guild.server.embedded.KafkaEndpoint;
import dev.guild.workflows.ports.RunEventSink;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.util.List;

/**
 * Run-event beans: the Kafka {@link RunEventSink} the workflows publish through, the PostgreSQL store, and the one
 * in-platform consumer of {@code guild.run-events}, which moves the events into the store and fans each batch out to
 * every {@link RunEventProjection} bean (started with the application, stopped first).
 */
@Singleton
public class EventsBeans {
    private ConsumerLoop ingest;

    @Produces
    @Singleton
    RunEventStore store(DataSource dataSource) {
        return new RunEventStore(dataSource);
    }

    @Produces
    @Singleton
    RunEventBus bus() {
        return new RunEventBus();
    }

    @Produces
    @Singleton
    KafkaRunEventSink sink(KafkaEndpoint kafka) {
        return new KafkaRunEventSink(kafka);
    }

    void close(@Disposes KafkaRunEventSink sink) {
        sink.close();
    }

    void start(@Observes StartupEvent start, KafkaEndpoint kafka, RunEventStore store, RunEventBus bus,
               DeadLetters deadLetters, Instance<RunEventProjection> projections) {
        List<RunEventProjection> all = projections.stream().toList();
        ingest = new ConsumerLoop(RunEventIngest.NAME, kafka, GuildTopics.RUN_EVENTS, RunEventIngest.NAME, 500,
                new RunEventIngest(store, bus, deadLetters, all)).start();
    }

    void stop(@Observes ShutdownEvent stop) {
        if (ingest != null) {
            ingest.close();
        }
    }

    /** After the Temporal worker stopped (default priority), before the embedded broker goes away. */
    void closeSink(@Observes @Priority(3000) ShutdownEvent stop, KafkaRunEventSink sink) {
        sink.close();
    }
}
