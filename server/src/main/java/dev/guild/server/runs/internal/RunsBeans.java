package dev.guild.server.runs.internal;

import dev.guild.server.runs.RunsConfig;

import dev.guild.server.events.RunEventBus;
import dev.guild.server.events.RunEventStore;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import javax.sql.DataSource;

/** Mounts the server-sent-events stream {@code GET /api/runs/:id/events}; the store of accepted runs. */
@Singleton
public class RunsBeans {

    @Produces
    @Singleton
    PostgresAcceptedRuns acceptedRuns(DataSource dataSource) {
        return new PostgresAcceptedRuns(dataSource);
    }

    void mount(@Observes Router router, RunEventStore store, RunEventBus bus, RunsConfig config,
               PostgresAcceptedRuns accepted) {
        new RunEventStream(store, bus, config.awaitStart(), runId -> accepted.find(runId).isPresent()).register(router);
    }
}
