package dev.guild.tools;

import dev.guild.tools.artifacts.ArtifactStore;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * What the platform gives a {@link ToolProvider}: the data directory, the PostgreSQL {@link DataSource} (migrated
 * by the platform's Flyway, see docs/tools.md), the {@link ArtifactStore}, typed {@link ToolSettings} and a
 * {@link Clock}. Built once at start; immutable.
 *
 * <pre>{@code
 * ToolEnvironment env = ToolEnvironment.builder(dataDir)
 *         .dataSource(dataSource)
 *         .settings(ToolSettings.of(Map.of("guild.tools.booking.hold-ttl", "10m")))
 *         .build();
 * }</pre>
 */
public final class ToolEnvironment {

    /** Largest artifact accepted by the default store, in bytes (64 MiB); {@code guild.tools.artifacts.max-bytes}. */
    public static final long DEFAULT_MAX_ARTIFACT_BYTES = 64L << 20;

    private final Path dataDir;
    private final DataSource dataSource;
    private final ArtifactStore artifacts;
    private final ToolSettings settings;
    private final Clock clock;

    private ToolEnvironment(Builder b) {
        this.dataDir = b.dataDir;
        this.dataSource = b.dataSource;
        this.settings = b.settings;
        this.clock = b.clock;
        this.artifacts = b.artifacts != null ? b.artifacts
                : ArtifactStore.files(dataDir.resolve("artifacts"),
                b.settings.bytes("guild.tools.artifacts.max-bytes", DEFAULT_MAX_ARTIFACT_BYTES), b.clock);
    }

    /** A builder for an environment whose files live under {@code dataDir}. */
    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /** Directory for the tools' own files (a tool uses {@code <dataDir>/<tool package>/}). */
    public Path dataDir() {
        return dataDir;
    }

    /** The platform's PostgreSQL; empty where there is none (then providers that need it give no tools). */
    public Optional<DataSource> dataSource() {
        return Optional.ofNullable(dataSource);
    }

    /** Where tools put the files they produce; by default files under {@code <dataDir>/artifacts}. */
    public ArtifactStore artifacts() {
        return artifacts;
    }

    public ToolSettings settings() {
        return settings;
    }

    /** The time source; tests inject a fixed or stepping clock. */
    public Clock clock() {
        return clock;
    }

    public static final class Builder {
        private final Path dataDir;
        private DataSource dataSource;
        private ArtifactStore artifacts;
        private ToolSettings settings = ToolSettings.NONE;
        private Clock clock = Clock.systemUTC();

        private Builder(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath().normalize();
        }

        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        /** Replaces the default file store under {@code <dataDir>/artifacts}. */
        public Builder artifacts(ArtifactStore artifacts) {
            this.artifacts = artifacts;
            return this;
        }

        public Builder settings(ToolSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public ToolEnvironment build() {
            return new ToolEnvironment(this);
        }
    }
}
