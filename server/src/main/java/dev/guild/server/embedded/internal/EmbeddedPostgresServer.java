package dev.guild.server.embedded.internal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL (binaries from the zonky jar) with a persistent data directory: initialised on first start, reused
 * afterwards. The server is a child process; it is stopped by {@link #close()} or, if this JVM was killed, stopped
 * at the next start on the same directory.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** The embedded server's superuser and database. */
    public static final String USER = "postgres";

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * @param dataDir the cluster's data directory (created and initialised when missing)
     * @param port    already resolved, not 0
     */
    public static EmbeddedPostgresServer start(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
            stopOrphan(dataDir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // zonky's test defaults trade durability for speed (-F, synchronous_commit=off); Guild keeps data.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .start();
            return new EmbeddedPostgresServer(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL did not start on port " + port + " with data dir "
                    + dataDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * A postmaster whose JVM was killed keeps running and holds the data directory; stop it so that this start can
     * use the directory. Only a process named postgres whose pid is in this directory's postmaster.pid is touched,
     * and the caller holds the data directory's lock ({@link DataDirs#lock}), so no live Guild process owns it.
     */
    private static void stopOrphan(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> orphan = lines.isEmpty() ? Optional.empty() : parsePid(lines.getFirst())
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return;
        }
        LOG.warnf("stopping PostgreSQL pid %d left running on %s by an earlier process", orphan.get().pid(), dataDir);
        orphan.get().destroy();
        try {
            orphan.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL pid " + orphan.get().pid() + " still holds " + dataDir
                    + " 30 s after SIGTERM: stop it (kill " + orphan.get().pid() + ") and start again", e);
        }
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + USER;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("stopping the embedded PostgreSQL failed: " + e.getMessage(), e);
        }
    }
}
