package dev.guild.server.events.internal;

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
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import javax.sql.DataSource;

/**
 * Run-event beans: the Kafka {@link RunEventSink} the workflows publish through, the PostgreSQL store, and the
 * consumer that moves {@code guild.run-events} into the store (started with the application, stopped first).
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
               DeadLetters deadLetters) {
        ingest = new ConsumerLoop(RunEventIngest.NAME, kafka, GuildTopics.RUN_EVENTS, RunEventIngest.NAME, 500,
                new RunEventIngest(store, bus, deadLetters)).start();
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
