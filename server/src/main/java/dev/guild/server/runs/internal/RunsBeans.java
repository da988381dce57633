package dev.guild.server.runs.internal;

import dev.guild.server.runs.RunsConfig;

import dev.guild.server.events.RunEventBus;
import dev.guild.server.events.RunEventStore;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** Mounts the server-sent-events stream {@code GET /api/runs/:id/events}. */
@Singleton
public class RunsBeans {

    void mount(@Observes Router router, RunEventStore store, RunEventBus bus, RunsConfig config) {
        new RunEventStream(store, bus, config.awaitStart()).register(router);
    }
}
