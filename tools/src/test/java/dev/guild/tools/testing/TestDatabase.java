package dev.guild.tools.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL (embedded, zonky binaries) per test JVM, stopped at exit; each {@link #fresh()} is a new
 * database migrated by Flyway from {@code classpath:db/migration}, exactly as the platform migrates. Shared with
 * other modules' tests through the tools test-jar.
 */
public final class TestDatabase {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    /** Flyway logs each migration at INFO through java.util.logging; kept referenced so the level sticks. */
    private static final java.util.logging.Logger FLYWAY_LOG = java.util.logging.Logger.getLogger("org.flywaydb");
    private static EmbeddedPostgres server;

    public static synchronized DataSource fresh() {
        try {
            if (server == null) {
                FLYWAY_LOG.setLevel(java.util.logging.Level.WARNING);
                server = EmbeddedPostgres.builder().setServerConfig("max_connections", "200").start();
                EmbeddedPostgres started = server;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException ignored) {
                        // the JVM is exiting
                    }
                }));
            }
            String name = "test_" + DATABASES.incrementAndGet();
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

    private TestDatabase() {
    }
}
