package dev.guild.server.runs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the run API ({@code guild.runs.*}). */
@ConfigMapping(prefix = "guild.runs")
public interface RunsConfig {

    /**
     * How long {@code GET /api/runs/{id}/events} waits for the first event of a run that has none stored yet (it was
     * just accepted) before answering 404.
     */
    @WithDefault("10s")
    Duration awaitStart();
}
