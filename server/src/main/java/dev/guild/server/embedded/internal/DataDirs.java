package dev.guild.server.embedded.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Deque;

/** Data directory helpers. */
public final class DataDirs {

    private DataDirs() {
    }

    /**
     * Creates a fresh directory under {@code parent} and registers its deletion in {@code onClose}, which is closed
     * last first: pushed before the services, it is deleted after they stopped.
     */
    public static Path ephemeral(Path parent, Deque<AutoCloseable> onClose) {
        try {
            Files.createDirectories(parent);
            Path dir = Files.createTempDirectory(parent.toAbsolutePath(), "ephemeral-");
            onClose.push(() -> deleteRecursively(dir));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary data directory under " + parent + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Locks {@code dir} for this process (file {@code guild.lock}, released by the OS even when the process is
     * killed), so that two processes never run embedded services on one data directory. While the lock is held,
     * any server still running on the directory was left behind by a process that died.
     *
     * @return closing it releases the lock
     * @throws IllegalStateException when another live process holds the lock, naming it
     */
    public static AutoCloseable lock(Path dir) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("guild.lock");
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
                channel.close();
                throw new IllegalStateException("data directory " + dir + " is in use by another Guild process ("
                        + (holder.isEmpty() ? "unknown pid" : "pid " + holder) + "): stop it, or give this one its own"
                        + " guild.data-dir, or point it at the running services (dev-services prints the settings)");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
            FileLock held = lock;
            return () -> {
                held.release();
                channel.close();
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Deletes {@code dir} and everything in it; a missing directory is fine. */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
