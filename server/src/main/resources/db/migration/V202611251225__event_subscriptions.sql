-- Runs waiting in a `listen` task (the PostgreSQL EventSubscriptions): the consumer of guild.events signals the runs
-- whose filters an event matches. A row lives from the listen's start to its end.
CREATE TABLE event_subscriptions (
    run_id     TEXT        NOT NULL,
    listen_id  TEXT        NOT NULL,   -- the listen task's reference in the run, e.g. /do/1/awaitPayment
    filters    TEXT        NOT NULL,   -- JSON: [{attribute: value, ...}, ...]; an event matching one filter is delivered
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, listen_id)
);
