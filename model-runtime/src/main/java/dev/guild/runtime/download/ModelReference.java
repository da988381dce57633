package dev.guild.runtime.download;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code --model} names: a local GGUF file, a file in a Hugging Face repository, or a URL.
 *
 * <p>{@link #parse(String)} accepts:
 * <ul>
 *   <li>{@code http://...} or {@code https://...}: a {@link Url};</li>
 *   <li>a path to an existing file: a {@link LocalFile};</li>
 *   <li>{@code org/repo/path/to/file.gguf} or {@code org/repo@revision/path/to/file.gguf}: a {@link HuggingFace}
 *       reference (revision {@code main} when absent).</li>
 * </ul>
 */
public sealed interface ModelReference {

    /** A GGUF file already on disk. */
    record LocalFile(Path path) implements ModelReference {
    }

    /** {@code file} (a path inside the repository) of {@code repo} ({@code org/name}) at {@code revision}. */
    record HuggingFace(String repo, String file, String revision) implements ModelReference {
        private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

        public HuggingFace {
            String[] parts = repo == null ? new String[0] : repo.split("/", -1);
            if (parts.length != 2 || !SEGMENT.matcher(parts[0]).matches() || !SEGMENT.matcher(parts[1]).matches()) {
                throw new IllegalArgumentException("Hugging Face repository '" + repo
                        + "' is not of the form org/name (letters, digits, '.', '_', '-'), e.g. ibm-granite/granite-3.1-3b-a800m-instruct");
            }
            if (file == null || file.isBlank() || file.startsWith("/") || file.contains("..") || file.contains("\\")) {
                throw new IllegalArgumentException("file '" + file + "' in repository " + repo
                        + " must be a relative path inside the repository without '..', e.g. model-Q4_K_M.gguf");
            }
            if (revision == null || revision.isBlank() || revision.contains("..")) {
                throw new IllegalArgumentException("revision '" + revision + "' of " + repo
                        + " must be a branch, tag or commit, e.g. main");
            }
        }

        /** {@code <endpoint>/<repo>/resolve/<revision>/<file>}. */
        public URI resolveUri(URI endpoint) {
            String base = endpoint.toString().replaceAll("/+$", "");
            return URI.create(base + "/" + repo + "/resolve/" + encode(revision) + "/" + encode(file));
        }

        /** Percent-encodes each path segment (a space becomes %20, '/' separates segments). */
        private static String encode(String path) {
            StringBuilder out = new StringBuilder();
            for (String segment : path.split("/", -1)) {
                if (!out.isEmpty()) {
                    out.append('/');
                }
                out.append(java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
            }
            return out.toString();
        }
    }

    /** A file served at an http(s) URL. */
    record Url(URI uri) implements ModelReference {
        public Url {
            String scheme = uri.getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || uri.getHost() == null) {
                throw new IllegalArgumentException("model URL '" + uri + "' must be an absolute http or https URL");
            }
        }

        /** The last path segment, which names the cached file. */
        public String fileName() {
            String path = Optional.ofNullable(uri.getPath()).orElse("");
            String name = path.substring(path.lastIndexOf('/') + 1);
            return name.isBlank() ? "model.gguf" : name;
        }
    }

    Pattern HF_REFERENCE = Pattern.compile("([^/@\\s]+/[^/@\\s]+)(?:@([^/\\s]+))?/(\\S+)");

    /**
     * Parses a {@code --model} value; see the class comment for the accepted forms.
     *
     * @throws IllegalArgumentException naming the value and the accepted forms when it is none of them
     */
    static ModelReference parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--model is empty: give a GGUF file path, org/repo/file.gguf or an https URL");
        }
        String v = value.strip();
        if (v.regionMatches(true, 0, "http://", 0, 7) || v.regionMatches(true, 0, "https://", 0, 8)) {
            try {
                return new Url(URI.create(v));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--model URL '" + v + "' is malformed: " + e.getMessage(), e);
            }
        }
        Path path = Path.of(v);
        if (Files.isRegularFile(path)) {
            return new LocalFile(path);
        }
        Matcher m = HF_REFERENCE.matcher(v);
        if (!v.startsWith("/") && !v.startsWith(".") && m.matches()) {
            return new HuggingFace(m.group(1), m.group(3), m.group(2) == null ? "main" : m.group(2));
        }
        throw new IllegalArgumentException("--model '" + v + "' is neither an existing file, nor org/repo[@revision]/file.gguf,"
                + " nor an http(s) URL; check the path or use one of those forms");
    }
}
