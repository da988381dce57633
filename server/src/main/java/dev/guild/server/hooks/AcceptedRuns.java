package dev.guild.server.hooks;

/**
 * Where accepted deliveries are noted, so that {@code GET /api/runs/{id}} knows a run from its 202 on, before its
 * first event is stored. Called after the delivery is durable on Kafka; a failure here loses nothing (the run still
 * starts) and is only logged.
 */
public interface AcceptedRuns {

    /** Notes the run of {@code key} as accepted for {@code workflowName}; a retried delivery is noted once. */
    void accepted(DedupeKey key, String workflowName);
}
