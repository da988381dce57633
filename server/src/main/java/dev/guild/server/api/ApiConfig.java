package dev.guild.server.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Access to the HTTP API {@code /api/**} ({@code guild.api.*}); the webhooks {@code /hooks/**} keep their signatures. */
@ConfigMapping(prefix = "guild.api")
public interface ApiConfig {

    /**
     * Bearer tokens that open the API (comma-separated; each 32 to 512 characters of {@code A-Z a-z 0-9 - . _ ~ + /},
     * e.g. {@code openssl rand -hex 32}). With none here or in {@link #tokensFile()}, the API answers loopback
     * clients only (and the start logs a warning); with any, every request to {@code /api/**} must send
     * {@code Authorization: Bearer <token>}.
     */
    Optional<List<String>> tokens();

    /** A file of tokens, one per line ({@code #} starts a comment), read at start, merged with {@link #tokens()}. */
    Optional<Path> tokensFile();

    /** Largest request body accepted by {@code /api/**}, in bytes (the declared Content-Length); default 1 MiB. */
    @WithDefault("1048576")
    int maxBodyBytes();
}
