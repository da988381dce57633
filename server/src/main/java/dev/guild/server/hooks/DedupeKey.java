package dev.guild.server.hooks;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Identity of one webhook delivery: the trigger name plus the sender's {@code webhook-id}, which stays the same
 * across the sender's retries. The run id (and the Temporal workflow id) is derived from it deterministically, so a
 * retried delivery maps to the same run and never starts a second one.
 */
public record DedupeKey(String trigger, String webhookId) {

    public DedupeKey {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(webhookId, "webhookId");
    }

    /** Parses the value written by {@link #value()}, e.g. as a Kafka record key. */
    public static DedupeKey parse(String value) {
        int slash = value == null ? -1 : value.indexOf('/');
        if (slash <= 0 || slash == value.length() - 1) {
            throw new IllegalArgumentException("Dedupe key '" + value
                    + "' is not of the form <trigger>/<webhook-id>; it must be written by DedupeKey.value()");
        }
        return new DedupeKey(value.substring(0, slash), value.substring(slash + 1));
    }

    /** Wire form: {@code <trigger>/<webhook-id>} (trigger names contain no '/'). */
    public String value() {
        return trigger + "/" + webhookId;
    }

    /** The run id (a name-based UUID of the key); also the Temporal workflow id of the run. */
    public String runId() {
        return UUID.nameUUIDFromBytes(("guild-run:" + value()).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
