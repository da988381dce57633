package dev.guild.tools;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed configuration values for tools, read by full key ({@code guild.tools.booking.hold-ttl}). Each tool documents
 * its keys and defaults in docs/tools.md. A value that cannot be read as the asked type fails with a
 * {@link IllegalArgumentException} that names the key, the value and the expected form, so a misconfigured tool
 * stops the start rather than misbehaving later.
 */
public final class ToolSettings {

    /** No values: every key has its default. */
    public static final ToolSettings NONE = new ToolSettings(key -> Optional.empty());

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kKmMgG]?)(i?[bB])?");

    private final Function<String, Optional<String>> lookup;

    private ToolSettings(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    /** Settings that ask {@code lookup} for each key (inside the platform: its configuration). */
    public static ToolSettings of(Function<String, Optional<String>> lookup) {
        return new ToolSettings(Objects.requireNonNull(lookup, "lookup"));
    }

    /** Settings from a map (tests, embedding). */
    public static ToolSettings of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return new ToolSettings(key -> Optional.ofNullable(copy.get(key)));
    }

    /** The value of {@code key}, trimmed; empty when unset or blank. */
    public Optional<String> string(String key) {
        return lookup.apply(key).map(String::strip).filter(v -> !v.isEmpty());
    }

    public String string(String key, String defaultValue) {
        return string(key).orElse(defaultValue);
    }

    public int integer(String key, int defaultValue) {
        return string(key).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw invalid(key, v, "a whole number such as 42");
            }
        }).orElse(defaultValue);
    }

    public boolean bool(String key, boolean defaultValue) {
        return string(key).map(v -> switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, v, "true or false");
        }).orElse(defaultValue);
    }

    /** A duration written {@code 15m}, {@code 30s}, {@code 2h}, {@code 1d}, {@code 500ms} or ISO-8601 ({@code PT15M}). */
    public Duration duration(String key, Duration defaultValue) {
        return string(key).map(v -> {
            Matcher m = SHORT_DURATION.matcher(v);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            try {
                return Duration.parse(v);
            } catch (DateTimeParseException e) {
                throw invalid(key, v, "a duration such as 15m, 30s, 2h or PT15M");
            }
        }).orElse(defaultValue);
    }

    /** A size in bytes written {@code 1048576}, {@code 512k}, {@code 10M}, {@code 1G} (binary multiples). */
    public long bytes(String key, long defaultValue) {
        return string(key).map(v -> {
            Matcher m = SIZE.matcher(v);
            if (!m.matches()) {
                throw invalid(key, v, "a size such as 1048576, 512k, 10M or 1G");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
                case "k" -> n << 10;
                case "m" -> n << 20;
                case "g" -> n << 30;
                default -> n;
            };
        }).orElse(defaultValue);
    }

    /** A file system path; relative paths stay relative (to the working directory). */
    public Optional<Path> path(String key) {
        return string(key).map(v -> {
            try {
                return Path.of(v);
            } catch (InvalidPathException e) {
                throw invalid(key, v, "a file system path");
            }
        });
    }

    private static IllegalArgumentException invalid(String key, String value, String expected) {
        return new IllegalArgumentException("setting " + key + " = '" + value + "' is not valid; write " + expected);
    }
}
