package dev.guild.server.hooks;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

import java.util.Map;

/**
 * Webhook triggers, one per name: {@code POST /hooks/<name>} starts a run of the named workflow.
 *
 * <pre>
 * guild.triggers.hello.workflow=hello            # workflow definition the trigger starts (required)
 * guild.triggers.hello.secret=whsec_...          # Standard Webhooks secret, whsec_ + base64 of 24..64 bytes (required)
 * guild.triggers.hello.max-body-bytes=1048576    # largest accepted body in bytes (default 1 MiB)
 * </pre>
 * Every trigger is validated at start; a bad one stops the start with every problem listed.
 */
@ConfigMapping(prefix = "guild.triggers")
public interface TriggersConfig {

    /** The triggers by name; the name is the last path segment of {@code /hooks/<name>}. */
    @WithParentName
    Map<String, Trigger> all();

    interface Trigger {
        /** Name of the workflow definition this trigger starts. */
        String workflow();

        /** Standard Webhooks signing secret: {@code whsec_} followed by the base64 of 24 to 64 random bytes. */
        String secret();

        /** Largest accepted request body in bytes; larger bodies get 413 without being buffered. Default 1 MiB. */
        @WithDefault("1048576")
        int maxBodyBytes();
    }
}
