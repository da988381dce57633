-- Approvals of held tool calls, projected from the run events approval.requested / approval.escalated /
-- approval.decided (consumer group guild-approvals) and from decisions made through the API. Every decision is kept
-- with who made it ('guild:timeout' when a timeout rejected the call).
CREATE TABLE approvals (
    approval_id   TEXT        PRIMARY KEY,
    run_id        TEXT        NOT NULL,
    workflow_id   TEXT        NOT NULL,               -- the Temporal workflow that holds the call
    step          TEXT        NOT NULL,
    tool          TEXT        NOT NULL,
    arguments     TEXT        NOT NULL,               -- JSON
    hash          TEXT        NOT NULL,               -- sha256 of the canonical tool name + arguments
    state         TEXT        NOT NULL,               -- pending, approved, rejected
    requested_at  TEXT        NOT NULL,
    expires_at    TEXT,
    escalated_to  TEXT,
    decided_by    TEXT,
    comment       TEXT,
    decided_at    TEXT,
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX approvals_run ON approvals (run_id, requested_at);
