-- Run events consumed from Kafka guild.run-events (CloudEvents), one row per event id (duplicates are dropped).
-- GET /api/runs/{id} and the SSE stream GET /api/runs/{id}/events read them.
CREATE TABLE run_events (
    event_id    TEXT        PRIMARY KEY,             -- <runId>/<sequence>
    run_id      TEXT        NOT NULL,
    sequence    BIGINT      NOT NULL,                -- 1, 2, 3, ... within the run
    type        TEXT        NOT NULL,                -- run.started, step.started, ... (RunEventTypes)
    event_time  TEXT,                                -- RFC 3339 time the workflow emitted it
    data        TEXT        NOT NULL,                -- the event's JSON data
    stored_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT run_events_run_sequence UNIQUE (run_id, sequence)
);
