package dev.guild.tools.artifacts.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.guild.tools.artifacts.Artifact;
import dev.guild.tools.artifacts.ArtifactStore;
import dev.guild.tools.artifacts.ArtifactTooLargeException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@link ArtifactStore} on a directory: {@code blobs/<sha256>} holds content, {@code meta/<sha256>/<name>.json} the
 * record of each name it was stored under, {@code tmp/} files being written. Every file appears by an atomic
 * rename, so a crash leaves at most a stray temporary file and never a partial blob.
 */
public final class FileArtifactStore implements ArtifactStore {

    /** What an artifact name may contain after {@link #safeName}. */
    public static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");
    private static final Pattern URI = Pattern.compile("artifact://([0-9a-f]{64})/(.+)");
    private static final Pattern CONTENT_TYPE = Pattern.compile(
            "[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]{0,63}/[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]{0,126}(\\s*;\\s*[a-zA-Z0-9_.-]+=[^;\\s]{1,100})*");
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private final Path blobs;
    private final Path meta;
    private final Path tmp;
    private final long maxBytes;
    private final Clock clock;

    public FileArtifactStore(Path directory, long maxBytes, Clock clock) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("artifact size limit must be positive; got " + maxBytes
                    + " (guild.tools.artifacts.max-bytes)");
        }
        Path root = directory.toAbsolutePath().normalize();
        this.blobs = root.resolve("blobs");
        this.meta = root.resolve("meta");
        this.tmp = root.resolve("tmp");
        this.maxBytes = maxBytes;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@code name} without directories, with characters outside {@code [A-Za-z0-9._-]} replaced by {@code -}. */
    public static String safeName(String name) {
        String base = name == null ? "" : name.strip();
        int slash = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
        base = base.substring(slash + 1).replaceAll("[^A-Za-z0-9._-]", "-");
        base = base.replaceAll("^[.]+", "");
        if (base.length() > 128) {
            int dot = base.lastIndexOf('.');
            String ext = dot > 0 && base.length() - dot <= 16 ? base.substring(dot) : "";
            base = base.substring(0, 128 - ext.length()) + ext;
        }
        return base.isEmpty() ? "artifact" : base;
    }

    @Override
    public Artifact put(String name, String contentType, byte[] content) throws IOException {
        return put(name, contentType, new ByteArrayInputStream(content));
    }

    @Override
    public Artifact put(String name, String contentType, InputStream content) throws IOException {
        String type = contentType == null ? "" : contentType.strip();
        if (!CONTENT_TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("content type '" + contentType + "' of artifact '" + name
                    + "' is not a media type; write type/subtype such as text/calendar or application/pdf");
        }
        String safe = safeName(name);
        Files.createDirectories(tmp);
        Path partial = Files.createTempFile(tmp, "put-", ".part");
        try {
            MessageDigest digest = sha256();
            long size = 0;
            try (OutputStream out = Files.newOutputStream(partial)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = content.read(buffer)) > 0; ) {
                    size += n;
                    if (size > maxBytes) {
                        throw new ArtifactTooLargeException(safe, maxBytes);
                    }
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            String sha = HexFormat.of().formatHex(digest.digest());
            Path blob = blobs.resolve(sha);
            if (!Files.exists(blob)) {
                Files.createDirectories(blobs);
                moveAtomically(partial, blob);
            }
            Path record = meta.resolve(sha).resolve(safe + ".json");
            Optional<Artifact> existing = read(record);
            if (existing.isPresent()) {
                return existing.get();
            }
            Artifact artifact = new Artifact(Artifact.uri(sha, safe), safe, type, size, sha, clock.instant());
            Files.createDirectories(record.getParent());
            Path partialRecord = Files.createTempFile(tmp, "meta-", ".part");
            Files.write(partialRecord, JSON.writeValueAsBytes(artifact));
            moveAtomically(partialRecord, record);
            return artifact;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    @Override
    public Optional<Artifact> get(String uri) throws IOException {
        Matcher m = parse(uri);
        return read(meta.resolve(m.group(1)).resolve(m.group(2) + ".json"));
    }

    @Override
    public InputStream open(String uri) throws IOException {
        Matcher m = parse(uri);
        if (!Files.exists(meta.resolve(m.group(1)).resolve(m.group(2) + ".json"))) {
            throw new NoSuchFileException(uri, null, "no artifact stored at this URI");
        }
        return Files.newInputStream(blobs.resolve(m.group(1)));
    }

    @Override
    public List<Artifact> list() throws IOException {
        if (!Files.isDirectory(meta)) {
            return List.of();
        }
        List<Artifact> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(meta, 2)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".json"))::iterator) {
                read(file).ifPresent(all::add);
            }
        }
        all.sort(Comparator.comparing(Artifact::createdAt).thenComparing(a -> a.uri()));
        return all;
    }

    @Override
    public long maxBytes() {
        return maxBytes;
    }

    private static Matcher parse(String uri) {
        Matcher m = URI.matcher(uri == null ? "" : uri);
        if (!m.matches() || !SAFE_NAME.matcher(m.group(2)).matches()) {
            throw new IllegalArgumentException("'" + uri + "' is not an artifact URI; expected artifact://<sha256 hex>/<name>"
                    + " with a name of letters, digits, '.', '_' or '-', as returned when the artifact was stored");
        }
        return m;
    }

    private static Optional<Artifact> read(Path record) throws IOException {
        try {
            return Optional.of(JSON.readValue(Files.readAllBytes(record), Artifact.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // another writer stored the same content first: theirs is identical
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the artifact directory " + to.getParent() + " does not support atomic renames;"
                    + " put guild.data-dir on a local file system", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must provide", e);
        }
    }
}
