-- Baseline of Guild's schema: facts about this database. Later migrations add the tables of each feature.
CREATE TABLE guild_schema_info (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO guild_schema_info (name, value) VALUES ('created_at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'));
