package dev.guild.server.dispatch.internal;

import dev.guild.server.dispatch.ConsumerLoop;
import dev.guild.server.dispatch.DeadLetters;

import dev.guild.server.config.GuildTopics;
import dev.guild.server.embedded.KafkaEndpoint;
import dev.guild.server.hooks.WorkflowCatalog;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.temporal.client.WorkflowClient;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Starts the trigger dispatcher ({@code guild.triggers} -> Temporal) with the application and stops it first. */
@Singleton
public class DispatchBeans {
    /** Temporal starts of one polled batch run on this many threads. */
    static final int STARTERS = 8;

    private ConsumerLoop dispatcher;
    private ExecutorService starters;

    void start(@Observes StartupEvent start, KafkaEndpoint kafka, WorkflowClient client, WorkflowCatalog workflows,
               DeadLetters deadLetters) {
        starters = Executors.newFixedThreadPool(STARTERS, Thread.ofPlatform().name("guild-dispatch-start-", 0)
                .daemon().factory());
        dispatcher = new ConsumerLoop(TriggerDispatcher.NAME, kafka, GuildTopics.TRIGGERS, TriggerDispatcher.NAME,
                200, new TriggerDispatcher(client, workflows, deadLetters, starters)).start();
    }

    void stop(@Observes ShutdownEvent stop) {
        if (dispatcher != null) {
            dispatcher.close();
            starters.shutdownNow();
        }
    }
}
