package dev.guild.server.definitions;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One immutable version of a workflow definition.
 *
 * @param name       {@code document.name}
 * @param hash       {@code sha256:<hex>} of the text: the version's identity
 * @param version    {@code document.version} as written (informational; the hash identifies the version)
 * @param source     the file name, or {@code api}
 * @param origin     {@code directory} or {@code api}
 * @param createdAt  RFC 3339
 * @param definition the text, exactly as received; null in listings
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoredVersion(@JsonProperty("name") String name,
                            @JsonProperty("hash") String hash,
                            @JsonProperty("version") String version,
                            @JsonProperty("source") String source,
                            @JsonProperty("origin") String origin,
                            @JsonProperty("createdAt") String createdAt,
                            @JsonProperty("definition") String definition) {
    public static final String DIRECTORY = "directory";
    public static final String API = "api";
}
