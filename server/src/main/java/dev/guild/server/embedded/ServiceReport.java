package dev.guild.server.embedded;

import java.time.Duration;

/**
 * What the start-up log says about one service.
 *
 * @param service  {@code temporal}, {@code kafka} or {@code postgres}
 * @param embedded {@code true} when this process runs it, {@code false} when it is an external one
 * @param address  where clients reach it ({@code host:port}, bootstrap servers, or a JDBC URL without password)
 * @param detail   what else matters (data directory, namespace, that state is in memory)
 * @param startup  how long starting it (embedded) or preparing it (external: topics) took
 */
public record ServiceReport(String service, boolean embedded, String address, String detail, Duration startup) {

    /** The one log line for this service. */
    public String line() {
        return String.format("%-8s %s at %s (%s; ready in %d ms)", service, embedded ? "embedded" : "external",
                address, detail, startup.toMillis());
    }
}
