package dev.guild.runtime.download;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the caller knows about the file before downloading it. Anything left empty is taken from the
 * server where it says so (the hub's {@code X-Linked-Size} and {@code X-Linked-ETag}, an {@code ETag}
 * that is a SHA-256, {@code Content-Length}).
 *
 * @param sha256 lower-case hex SHA-256 of the whole file
 * @param size   size in bytes
 */
public record ExpectedFile(Optional<String> sha256, OptionalLong size) {

    public ExpectedFile {
        sha256 = sha256.map(s -> s.strip().toLowerCase(Locale.ROOT));
        sha256.ifPresent(s -> {
            if (!isSha256(s)) {
                throw new IllegalArgumentException("expected SHA-256 '" + s + "' is not 64 hex digits");
            }
        });
        if (size.isPresent() && size.getAsLong() < 0) {
            throw new IllegalArgumentException("expected size " + size.getAsLong() + " must not be negative");
        }
    }

    public static ExpectedFile none() {
        return new ExpectedFile(Optional.empty(), OptionalLong.empty());
    }

    public static ExpectedFile of(String sha256, long size) {
        return new ExpectedFile(Optional.of(sha256), OptionalLong.of(size));
    }

    public static ExpectedFile sha256(String sha256) {
        return new ExpectedFile(Optional.of(sha256), OptionalLong.empty());
    }

    /** True when {@code s} is 64 hex digits (either case). */
    public static boolean isSha256(String s) {
        if (s == null || s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            if (!HexFormat.isHexDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
