package dev.guild.server.hooks.internal;

/**
 * One trigger's settings as merged from the configuration sources ({@link TriggerSources}); {@code null} where no
 * source set a required field ({@link TriggerRegistry} reports it).
 */
public record TriggerSpec(String workflow, String secret, int maxBodyBytes) {
}
