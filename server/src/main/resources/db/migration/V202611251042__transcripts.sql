-- Agent transcripts (the PostgreSQL TranscriptStore): kept out of Temporal history, one row per message.
CREATE TABLE transcripts (
    run_id        TEXT        NOT NULL,
    transcript_id TEXT        NOT NULL,
    position      INTEGER     NOT NULL,   -- 0-based index in the transcript
    write_key     TEXT        NOT NULL,   -- <workflowId>/<activityId> of the activity that wrote it
    message       TEXT        NOT NULL,   -- LangChain4j ChatMessageSerializer JSON
    metadata      TEXT,                   -- JSON about how the message came to be (token usage...)
    written_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, transcript_id, position)
);
