package dev.guild.server.approvals.internal;

import dev.guild.server.approvals.ApprovalStore;
import dev.guild.server.config.GuildTopics;
import dev.guild.server.dispatch.ConsumerLoop;
import dev.guild.server.embedded.KafkaEndpoint;
import dev.guild.server.events.RunEventRecords;
import dev.guild.workflows.RunEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The approvals table and its projection: a consumer of {@code guild.run-events} in its own group
 * ({@value #GROUP}) that records every approval event (requests, escalations, decisions with who made them).
 */
@Singleton
public class ApprovalsBeans {
    static final String GROUP = "guild-approvals";
    private ConsumerLoop projection;

    @Produces
    @Singleton
    ApprovalStore approvals(DataSource dataSource) {
        return new ApprovalStore(dataSource);
    }

    void start(@Observes StartupEvent start, KafkaEndpoint kafka, ApprovalStore store) {
        projection = new ConsumerLoop(GROUP, kafka, GuildTopics.RUN_EVENTS, GROUP, 500, records -> {
            List<RunEvent> events = new ArrayList<>(records.size());
            for (ConsumerRecord<String, byte[]> record : records) {
                try {
                    events.add(RunEventRecords.fromRecord(record));
                } catch (IllegalArgumentException e) {
                    // not a run event: the run-event store's consumer dead-letters it; nothing to project
                }
            }
            store.apply(events);
        }).start();
    }

    void stop(@Observes ShutdownEvent stop) {
        if (projection != null) {
            projection.close();
        }
    }
}
