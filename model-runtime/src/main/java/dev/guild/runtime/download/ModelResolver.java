package dev.guild.runtime.download;

import dev.guild.runtime.download.internal.DownloadLock;
import dev.guild.runtime.download.internal.HttpFileDownload;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Turns a {@code --model} value into a verified local GGUF file, downloading it into the cache when
 * needed. Downloads resume from a {@code .part} file, are verified (size, SHA-256) and then moved
 * atomically into place next to a {@code .sha256} file; a file that fails verification is deleted and
 * never returned. Two processes (or threads) asking for the same file take turns: the second finds
 * the first one's result.
 *
 * <pre>{@code
 * ModelResolver resolver = new ModelResolver(DownloadSettings.defaults(dataDir.resolve("models")));
 * Path gguf = resolver.resolve("ibm-granite/granite-3.1-3b-a800m-instruct-GGUF/granite-3.1-3b-a800m-instruct-Q4_K_M.gguf");
 * }</pre>
 */
public final class ModelResolver {
    private static final System.Logger LOG = System.getLogger(ModelResolver.class.getName());

    private final DownloadSettings settings;
    private final HttpFileDownload http;

    public ModelResolver(DownloadSettings settings) {
        this.settings = settings;
        HttpClient client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.http = new HttpFileDownload(client, settings);
    }

    /**
     * {@link #resolve(ModelReference, ExpectedFile, DownloadProgress.Listener)} for a {@code --model} value: a
     * name from the {@link ModelCatalog#builtIn() catalog}, or any form {@link ModelReference#parse} accepts.
     */
    public Path resolve(String model) {
        ModelReference reference = ModelCatalog.builtIn().find(model == null ? "" : model.strip())
                .<ModelReference>map(ModelCatalog.Entry::reference).orElseGet(() -> ModelReference.parse(model));
        return resolve(reference, ExpectedFile.none(), DownloadProgress.Listener.NONE);
    }

    /**
     * The local file for {@code reference}: the path itself for a local file (checked against
     * {@code expected}), otherwise the cached copy, downloaded first when absent.
     *
     * @throws DownloadException saying what failed and how to fix it
     */
    public Path resolve(ModelReference reference, ExpectedFile expected, DownloadProgress.Listener listener) {
        return switch (reference) {
            case ModelReference.LocalFile local -> checkLocal(local.path(), expected);
            case ModelReference.HuggingFace hf -> fetch(hf.resolveUri(settings.hubEndpoint()), cachePath(hf), expected,
                    settings.hubToken().map(t -> "Bearer " + t), listener);
            case ModelReference.Url url -> fetch(url.uri(), cachePath(url), expected, Optional.empty(), listener);
        };
    }

    /** Where {@code reference} is (or would be) cached. */
    public Path cachePath(ModelReference reference) {
        Path root = settings.modelsDir();
        return switch (reference) {
            case ModelReference.LocalFile local -> local.path();
            case ModelReference.HuggingFace hf -> root.resolve("huggingface").resolve(hf.repo())
                    .resolve(hf.revision().replace('/', '_')).resolve(hf.file());
            case ModelReference.Url url -> root.resolve("urls").resolve(hostDir(url.uri()))
                    .resolve(sha256(url.uri().toString()).substring(0, 12)).resolve(url.fileName());
        };
    }

    private Path fetch(URI uri, Path target, ExpectedFile expected, Optional<String> authorization,
                       DownloadProgress.Listener listener) {
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw new DownloadException("cannot create cache directory " + target.getParent() + ": " + e
                    + "; check the models directory setting and its permissions", false, e);
        }
        try (DownloadLock ignored = DownloadLock.acquire(target)) {
            if (Files.isRegularFile(target)) {
                return checkCached(target, expected);
            }
            Path part = target.resolveSibling(target.getFileName() + ".part");
            LOG.log(System.Logger.Level.INFO, "downloading {0} to {1}", uri, target);
            String sha = http.download(uri, part, expected, authorization, listener);
            Files.writeString(sidecar(target), sha + "\n", StandardCharsets.US_ASCII);
            move(part, target);
            return target;
        } catch (IOException e) {
            throw new DownloadException("cannot store " + uri + " in " + target + ": " + e
                    + "; check free disk space and permissions", false, e);
        }
    }

    private Path checkCached(Path target, ExpectedFile expected) throws IOException {
        if (expected.sha256().isEmpty() && expected.size().isEmpty()) {
            return target;
        }
        Path side = sidecar(target);
        if (expected.sha256().isPresent() && Files.isRegularFile(side)
                && Files.readString(side).strip().equals(expected.sha256().get())) {
            return checkSize(target, expected);
        }
        return checkLocal(target, expected);
    }

    private static Path checkLocal(Path path, ExpectedFile expected) {
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new DownloadException("model file " + path + " does not exist or is not readable", false);
        }
        checkSize(path, expected);
        if (expected.sha256().isPresent()) {
            String actual = sha256Of(path);
            if (!actual.equals(expected.sha256().get())) {
                throw new DownloadException("model file " + path + " has SHA-256 " + actual + " but "
                        + expected.sha256().get() + " was expected; delete it to download it again", false);
            }
        }
        return path;
    }

    private static Path checkSize(Path path, ExpectedFile expected) {
        try {
            long size = Files.size(path);
            if (expected.size().isPresent() && size != expected.size().getAsLong()) {
                throw new DownloadException("model file " + path + " has " + size + " bytes but "
                        + expected.size().getAsLong() + " were expected; delete it to download it again", false);
            }
            return path;
        } catch (IOException e) {
            throw new DownloadException("cannot read the size of " + path + ": " + e, false, e);
        }
    }

    private static void move(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path sidecar(Path target) {
        return target.resolveSibling(target.getFileName() + ".sha256");
    }

    private static String hostDir(URI uri) {
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + "_" + uri.getPort();
    }

    static String sha256Of(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest())) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new DownloadException("cannot read " + file + " to check its SHA-256: " + e, false, e);
        }
    }

    private static String sha256(String text) {
        return HexFormat.of().formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
