package dev.guild.tools.artifacts;

import dev.guild.tools.artifacts.internal.FileArtifactStore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Files that tools produce (decks, thumbnails, invites, fetched documents), addressed by URI
 * ({@code artifact://<sha256>/<name>}). Content is stored once per SHA-256; the same bytes under another name get
 * another URI. Safe for concurrent use by many threads and processes sharing the directory.
 *
 * <p>Argument errors ({@link IllegalArgumentException}): a content type that is not {@code type/subtype}, content
 * over the size limit ({@link ArtifactTooLargeException}), a URI that is not an artifact URI. I/O faults are
 * {@link IOException}s.
 */
public interface ArtifactStore {

    /**
     * Stores {@code content} as {@code name}. The name is made safe: path components are dropped and characters
     * outside {@code [A-Za-z0-9._-]} become {@code -} ({@code ../../etc/passwd} is stored as {@code passwd}).
     */
    Artifact put(String name, String contentType, byte[] content) throws IOException;

    /** Like {@link #put(String, String, byte[])}, reading {@code content} to its end (the caller closes it). */
    Artifact put(String name, String contentType, InputStream content) throws IOException;

    /** The artifact at {@code uri}; empty when nothing is stored there. */
    Optional<Artifact> get(String uri) throws IOException;

    /**
     * The content at {@code uri}; the caller closes the stream.
     *
     * @throws java.nio.file.NoSuchFileException when nothing is stored there
     */
    InputStream open(String uri) throws IOException;

    /** Every stored artifact, oldest first. */
    List<Artifact> list() throws IOException;

    /** Largest content accepted, in bytes. */
    long maxBytes();

    /**
     * A store in {@code directory} (created when missing): blobs under {@code sha256/}, one metadata file per name,
     * written atomically (temporary file, then rename), so readers never see half a file.
     */
    static ArtifactStore files(Path directory, long maxBytes, Clock clock) {
        return new FileArtifactStore(directory, maxBytes, clock);
    }
}
