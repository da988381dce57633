package dev.guild.server.approvals.internal;

import dev.guild.server.approvals.ApprovalStore;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import javax.sql.DataSource;

/**
 * The approvals table and its projection. The store is also a {@link dev.guild.server.events.RunEventProjection}:
 * the run-event store's consumer of {@code guild.run-events} applies every stored batch to it (requests,
 * escalations, decisions with who made them), so the approvals need no consumer of their own.
 */
@Singleton
public class ApprovalsBeans {
    @Produces
    @Singleton
    ApprovalStore approvals(DataSource dataSource) {
        return new ApprovalStore(dataSource);
    }
}
