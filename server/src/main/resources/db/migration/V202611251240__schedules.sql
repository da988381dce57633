-- Schedules (POST /api/schedules, or a definition's `schedule`), each run by a durable scheduler workflow
-- schedule-<id> on the guild-schedules task queue. The row is the registry; the workflow holds the live state.
CREATE TABLE schedules (
    schedule_id  TEXT        PRIMARY KEY,
    workflow     TEXT        NOT NULL,
    spec         TEXT        NOT NULL,                -- ScheduleSpec as JSON
    origin       TEXT        NOT NULL,                -- 'definition' or 'api'
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
