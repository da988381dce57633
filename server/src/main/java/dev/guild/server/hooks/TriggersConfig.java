package dev.guild.server.hooks;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

import java.util.Map;
import java.util.Optional;

/**
 * Webhook triggers, one per name: {@code POST /hooks/<name>} starts a run of the named workflow.
 *
 * <pre>
 * guild.triggers.hello.workflow=hello            # workflow definition the trigger starts (required)
 * guild.triggers.hello.secret=whsec_...          # Standard Webhooks secret, whsec_ + base64 of 24..64 bytes (required)
 * guild.triggers.hello.max-body-bytes=1048576    # largest accepted body in bytes (default 1 MiB)
 * </pre>
 * The same settings can come from environment variables ({@code GUILD_TRIGGERS_HELLO_SECRET}, ...) and from a
 * triggers file ({@code guild.triggers-file}); see docs/configuration.md. Every trigger is validated at start; a bad
 * one stops the start with every problem listed.
 */
@ConfigMapping(prefix = "guild.triggers")
public interface TriggersConfig {

    /** Largest accepted request body when a trigger sets none: 1 MiB. */
    int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    /** The triggers by name; the name is the last path segment of {@code /hooks/<name>}. */
    @WithParentName
    Map<String, Trigger> all();

    interface Trigger {
        /** Name of the workflow definition this trigger starts (required from one of the sources). */
        Optional<String> workflow();

        /**
         * Standard Webhooks signing secret: {@code whsec_} followed by the base64 of 24 to 64 random bytes (required
         * from one of the sources).
         */
        Optional<String> secret();

        /** Largest accepted request body in bytes; larger bodies get 413 without being buffered. Default 1 MiB. */
        Optional<Integer> maxBodyBytes();
    }
}
