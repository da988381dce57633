package dev.guild.server.embedded;

/**
 * What the start-up log says about one service.
 *
 * @param service  {@code temporal}, {@code kafka} or {@code postgres}
 * @param embedded {@code true} when this process runs it, {@code false} when it is an external one
 * @param address  where clients reach it ({@code host:port}, bootstrap servers, or a JDBC URL without password)
 * @param detail   what else matters (data directory, namespace, that state is in memory)
 */
public record ServiceReport(String service, boolean embedded, String address, String detail) {

    /** The one log line for this service. */
    public String line() {
        return String.format("%-8s %s at %s (%s)", service, embedded ? "embedded" : "external", address, detail);
    }
}
