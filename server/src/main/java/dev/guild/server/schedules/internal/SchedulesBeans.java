package dev.guild.server.schedules.internal;

import dev.guild.server.definitions.DefinitionStore;
import dev.guild.server.definitions.StoredVersion;
import dev.guild.server.hooks.WorkflowCatalog;
import dev.guild.server.schedules.Schedules;
import dev.guild.workflows.schedule.DefinitionSchedules;
import io.quarkus.runtime.StartupEvent;
import io.temporal.client.WorkflowClient;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import javax.sql.DataSource;

/** The schedule registry; at start, the schedules of the stored definitions are registered and every scheduler runs. */
@Singleton
public class SchedulesBeans {
    private static final Logger LOG = Logger.getLogger(SchedulesBeans.class);

    @Produces
    @Singleton
    Schedules schedules(DataSource dataSource, WorkflowClient client) {
        return new Schedules(dataSource, client);
    }

    void start(@Observes StartupEvent start, Schedules schedules, DefinitionStore store, WorkflowCatalog workflows) {
        for (StoredVersion version : store.latestOfEach()) {
            workflows.find(version.name()).flatMap(DefinitionSchedules::of)
                    .ifPresent(spec -> schedules.ensure(spec, Schedules.FROM_DEFINITION, false));
        }
        schedules.resumeAll();
        LOG.infof("schedules: %s", schedules.list().stream().map(Schedules.Entry::id).toList());
    }
}
