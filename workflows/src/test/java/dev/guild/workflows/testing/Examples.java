package dev.guild.workflows.testing;

import dev.guild.tools.ToolEnvironment;
import dev.guild.tools.ToolSettings;
import dev.guild.workflows.definition.DefinitionRepository;
import dev.guild.tools.ToolRegistry;
import dev.guild.workflows.definition.WorkflowDefinition;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The definitions under examples/ and what they need to run: the built-in tools (booking, research, slides) in a
 * {@link ToolEnvironment} on a real PostgreSQL (embedded, one per test JVM, a fresh database migrated by Flyway per
 * environment) with the example booking catalog and a fixed clock.
 */
public final class Examples {

    public static final Path DIR = Path.of("..", "examples");
    /** The tools' clock: a week before the example catalog's fare (2026-12-01). */
    public static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static final AtomicInteger DATABASES = new AtomicInteger();
    /** Flyway logs each migration at INFO through java.util.logging; kept referenced so the level sticks. */
    private static final java.util.logging.Logger FLYWAY_LOG = java.util.logging.Logger.getLogger("org.flywaydb");
    private static EmbeddedPostgres server;

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
        return ToolEnvironment.builder(dataDir).dataSource(freshDatabase())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .settings(ToolSettings.of(Map.of("guild.tools.booking.catalog",
                        DIR.resolve("booking/catalog.yaml").toAbsolutePath().toString())))
                .build();
    }

    /** Every tool the examples call (plain tools and providers' tools) in {@link #environment(Path)}. */
    public static ToolRegistry tools(Path dataDir) {
        return ToolRegistry.load(Examples.class.getClassLoader(), environment(dataDir));
    }

    private static synchronized DataSource freshDatabase() {
        try {
            if (server == null) {
                FLYWAY_LOG.setLevel(java.util.logging.Level.WARNING);
                server = EmbeddedPostgres.builder().start();
                EmbeddedPostgres started = server;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException ignored) {
                        // the JVM is exiting
                    }
                }));
            }
            String name = "examples_test_" + DATABASES.incrementAndGet();
            try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            DataSource dataSource = server.getDatabase("postgres", name);
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            return dataSource;
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start: " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
        }
    }

    private Examples() {
    }
}
