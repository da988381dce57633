-- Workflow definitions with immutable versions (POST /api/workflows and the definitions directory, guild.workflows.dir).
-- A version is identified by the SHA-256 of its text; a run carries the hash and text of the version it started with.
CREATE TABLE workflow_versions (
    name         TEXT        NOT NULL,                -- document.name
    hash         TEXT        NOT NULL,                -- sha256:<hex> of the definition text (UTF-8)
    seq          BIGSERIAL   NOT NULL UNIQUE,         -- creation order: the newest version of a name starts new runs
    doc_version  TEXT        NOT NULL,                -- document.version as written
    source       TEXT        NOT NULL,                -- file name, or 'api'
    origin       TEXT        NOT NULL,                -- 'directory' or 'api'
    definition   TEXT        NOT NULL,                -- the text, exactly as received
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (name, hash)
);

CREATE FUNCTION workflow_versions_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'workflow versions are immutable: % of % cannot be changed or deleted; post a new version instead',
        OLD.hash, OLD.name;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER workflow_versions_no_change BEFORE UPDATE OR DELETE ON workflow_versions
    FOR EACH ROW EXECUTE FUNCTION workflow_versions_immutable();
