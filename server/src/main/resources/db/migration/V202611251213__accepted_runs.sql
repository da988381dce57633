-- Runs accepted by a trigger (the 202 of POST /hooks/<trigger>), noted after the delivery is durable on Kafka, so that
-- GET /api/runs/{id} answers "accepted" before the run's first event is stored.
CREATE TABLE accepted_runs (
    run_id        TEXT        PRIMARY KEY,         -- DedupeKey.runId(): also the Temporal workflow id
    trigger_name  TEXT        NOT NULL,
    delivery_id   TEXT        NOT NULL,            -- the webhook-id header
    workflow_name TEXT        NOT NULL,
    accepted_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
