package dev.guild.server.definitions;

import dev.guild.workflows.definition.WorkflowDefinition;

import dev.guild.server.sql.Sql;

import javax.sql.DataSource;
import java.util.List;
import java.util.Optional;

/**
 * Workflow definitions in PostgreSQL (table {@code workflow_versions}): immutable versions identified by the hash
 * of their text. The newest version of a name (by creation order) is the one new runs start with.
 */
public final class DefinitionStore {
    private static final String COLUMNS = "name, hash, doc_version, source, origin,"
            + " to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
    private static final String INSERT = "INSERT INTO workflow_versions (name, hash, doc_version, source, origin, definition)"
            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name, hash) DO NOTHING";

    /**
     * The outcome of {@link #save}.
     *
     * @param created false when the same text was stored before (nothing changed)
     */
    public record Saved(StoredVersion version, boolean created) {
    }

    private final DataSource dataSource;

    public DefinitionStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores a validated definition as a version of its name; idempotent for identical text. */
    public Saved save(WorkflowDefinition definition, String origin) {
        boolean created = Sql.update(dataSource, "storing a workflow version", INSERT, definition.name(), definition.hash(), definition.version(),
                definition.source(), origin, definition.text()) == 1;
        return new Saved(find(definition.name(), definition.hash()).orElseThrow(() -> new IllegalStateException(
                "version " + definition.hash() + " of " + definition.name() + " vanished after it was stored")), created);
    }

    /** The newest version of {@code name}, with its text. */
    public Optional<StoredVersion> latest(String name) {
        List<StoredVersion> found = query(true, "SELECT " + COLUMNS + ", definition FROM workflow_versions WHERE name = ?"
                + " ORDER BY seq DESC LIMIT 1", name);
        return found.stream().findFirst();
    }

    /** The hash of the newest version of {@code name} (a cheap query: no text). */
    public Optional<String> latestHash(String name) {
        return Sql.query(dataSource, "reading workflow versions", rows -> rows.getString(1),
                "SELECT hash FROM workflow_versions WHERE name = ? ORDER BY seq DESC LIMIT 1", name).stream().findFirst();
    }

    /** One version, with its text. */
    public Optional<StoredVersion> find(String name, String hash) {
        return query(true, "SELECT " + COLUMNS + ", definition FROM workflow_versions WHERE name = ? AND hash = ?",
                name, hash).stream().findFirst();
    }

    /** Every version of {@code name}, newest first, without text. */
    public List<StoredVersion> versions(String name) {
        return query(false, "SELECT " + COLUMNS + " FROM workflow_versions WHERE name = ? ORDER BY seq DESC", name);
    }

    /** The newest version of every name, sorted by name, without text. */
    public List<StoredVersion> latestOfEach() {
        return query(false, "SELECT DISTINCT ON (name) " + COLUMNS + " FROM workflow_versions ORDER BY name, seq DESC");
    }

    private List<StoredVersion> query(boolean withText, String sql, String... values) {
        return Sql.query(dataSource, "reading workflow versions", rows -> new StoredVersion(rows.getString(1),
                rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5), rows.getString(6),
                withText ? rows.getString(7) : null), sql, values);
    }
}
