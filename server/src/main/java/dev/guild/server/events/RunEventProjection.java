package dev.guild.server.events;

import dev.guild.workflows.RunEvent;

import java.util.List;

/**
 * A read model kept from the run events (for example the approvals table). Every projection bean is fed by the
 * run-event store's one consumer of {@code guild.run-events}, after each polled batch is stored and before its
 * offsets are committed, so the platform fetches every batch once rather than once per read model.
 *
 * <p>A batch may be applied again after a failure (the consumer retries it from its first offsets), and a
 * projection sees every run event of the batch, whether the store had it before or not: applying must be
 * idempotent. Throwing means the batch is retried.
 */
@FunctionalInterface
public interface RunEventProjection {
    /** Applies the events of one batch, in record order per run; types a projection does not know are ignored. */
    void apply(List<RunEvent> events);
}
