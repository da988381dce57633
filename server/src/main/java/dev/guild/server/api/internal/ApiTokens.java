package dev.guild.server.api.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The bearer tokens that open {@code /api/**}, from {@code guild.api.tokens} and {@code guild.api.tokens-file},
 * checked at start (every problem at once; a token's value is never printed, only its position and length). A
 * presented token is compared with each configured one in constant time: both are hashed (SHA-256) and compared
 * with {@link MessageDigest#isEqual}, and every configured token is compared, so the time tells neither which one
 * nor how much matched.
 */
public final class ApiTokens {
    /** RFC 6750 b64token characters without the padding, 32 to 512 of them. */
    static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9._~+/-]{32,512}");
    static final String GENERATE = "generate one with: openssl rand -hex 32";

    private final List<byte[]> digests;

    private ApiTokens(List<byte[]> digests) {
        this.digests = digests;
    }

    /**
     * @throws IllegalStateException listing every malformed token (by key and position, never by value) and an
     *                               unreadable file
     */
    public static ApiTokens load(Optional<List<String>> tokens, Optional<Path> file) {
        List<String> problems = new ArrayList<>();
        List<byte[]> digests = new ArrayList<>();
        List<String> given = tokens.orElse(List.of());
        for (int i = 0; i < given.size(); i++) {
            add(given.get(i).strip(), "guild.api.tokens[" + i + "]", digests, problems);
        }
        file.ifPresent(path -> {
            try {
                List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    if (!line.isEmpty() && !line.startsWith("#")) {
                        add(line, "guild.api.tokens-file " + path + " line " + (i + 1), digests, problems);
                    }
                }
            } catch (IOException e) {
                problems.add("guild.api.tokens-file=" + path + ": cannot be read (" + e + "); point it at a readable"
                        + " file of tokens, one per line, or remove the key");
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid API token configuration (" + problems.size() + " problem(s)):\n  - "
                    + String.join("\n  - ", problems));
        }
        return new ApiTokens(List.copyOf(digests));
    }

    private static void add(String token, String where, List<byte[]> digests, List<String> problems) {
        if (FORMAT.matcher(token).matches()) {
            digests.add(sha256(token));
        } else {
            problems.add(where + ": a token of " + token.length() + " characters is not 32 to 512 of"
                    + " A-Z a-z 0-9 - . _ ~ + /; " + GENERATE);
        }
    }

    /** True when no token is configured: the API is then open to loopback clients only. */
    public boolean none() {
        return digests.isEmpty();
    }

    public int count() {
        return digests.size();
    }

    /** Whether {@code presented} is one of the tokens, compared in constant time. */
    public boolean matches(String presented) {
        byte[] digest = sha256(presented);
        boolean found = false;
        for (byte[] token : digests) {
            found |= MessageDigest.isEqual(token, digest);
        }
        return found;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM: " + e.getMessage(), e);
        }
    }
}
