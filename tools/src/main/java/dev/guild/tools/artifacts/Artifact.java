package dev.guild.tools.artifacts;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Objects;

/**
 * A file a tool produced, as stored: runs and events refer to it by {@link #uri()}, never embed it.
 *
 * @param uri         {@code artifact://<sha256>/<name>}: the content's SHA-256 (hex) and the file name
 * @param name        file name, safe on every file system ({@code [A-Za-z0-9._-]}, at most 128 characters)
 * @param contentType media type, e.g. {@code text/calendar}
 * @param size        bytes
 * @param sha256      SHA-256 of the content, lower-case hex
 * @param createdAt   when it was first stored under this name
 */
public record Artifact(@JsonProperty("uri") String uri,
                       @JsonProperty("name") String name,
                       @JsonProperty("contentType") String contentType,
                       @JsonProperty("size") long size,
                       @JsonProperty("sha256") String sha256,
                       @JsonProperty("createdAt") Instant createdAt) {

    /** URI scheme of artifacts. */
    public static final String SCHEME = "artifact";

    public Artifact {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The URI of content {@code sha256} stored as {@code name}. */
    public static String uri(String sha256, String name) {
        return SCHEME + "://" + sha256 + "/" + name;
    }
}
