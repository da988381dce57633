package dev.guild.workflows.testing;

import dev.guild.tools.ToolEnvironment;
import dev.guild.tools.ToolSettings;
import dev.guild.tools.testing.TestDatabase;
import dev.guild.workflows.definition.DefinitionRepository;
import dev.guild.tools.ToolRegistry;
import dev.guild.workflows.definition.WorkflowDefinition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The definitions under examples/ and what they need to run: the built-in tools (booking, research, slides) in a
 * {@link ToolEnvironment} on a real PostgreSQL (embedded, one per test JVM, a fresh database migrated by Flyway per
 * environment) with the example booking catalog and a fixed clock.
 */
public final class Examples {

    public static final Path DIR = Path.of("..", "examples");
    /** The tools' clock: a week before the example catalog's fare (2026-12-01). */
    public static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    /** One example definition, read from examples/&lt;name&gt;.yaml and validated against {@code tools}. */
    public static WorkflowDefinition load(String name, ToolRegistry tools) {
        Path file = DIR.resolve(name + ".yaml");
        try {
            return DefinitionRepository.parse(file.getFileName().toString(), Files.readString(file), tools);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read example " + file + ": " + e.getMessage(), e);
        }
    }

    /** A tool environment under {@code dataDir} with a fresh database and the example booking catalog. */
    public static ToolEnvironment environment(Path dataDir) {
        return ToolEnvironment.builder(dataDir).dataSource(TestDatabase.fresh())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .settings(ToolSettings.of(Map.of("guild.tools.booking.catalog",
                        DIR.resolve("booking/catalog.yaml").toAbsolutePath().toString())))
                .build();
    }

    /** Every tool the examples call (plain tools and providers' tools) in {@link #environment(Path)}. */
    public static ToolRegistry tools(Path dataDir) {
        return ToolRegistry.load(Examples.class.getClassLoader(), environment(dataDir));
    }

    private Examples() {
    }
}
