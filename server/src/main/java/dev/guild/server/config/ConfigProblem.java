package dev.guild.server.config;

/**
 * One thing wrong with the configuration.
 *
 * @param key     the configuration key, for example {@code guild.kafka.port}
 * @param value   the value found (secrets are never reported), or {@code null} when the key is unset
 * @param message what is wrong and how to fix it
 */
public record ConfigProblem(String key, String value, String message) {

    @Override
    public String toString() {
        return key + (value == null ? "" : "=" + value) + ": " + message;
    }
}
