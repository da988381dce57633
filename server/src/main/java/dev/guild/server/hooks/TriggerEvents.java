package dev.guild.server.hooks;

/**
 * Wire names of the CloudEvents the webhook edge publishes to the {@code guild.triggers} topic (binary mode: the
 * body is the record value, attributes are {@code ce_*} headers, the record key is {@link DedupeKey#value()}).
 */
public final class TriggerEvents {
    /** {@code ce_type} of an accepted webhook delivery. */
    public static final String TYPE_RECEIVED = "guild.trigger.received";
    /** Extension: name of the workflow definition to start. */
    public static final String EXT_WORKFLOW = "workflow";
    /**
     * Extension: {@code sha256:<hex>} hash of the workflow version that validated the delivery; the dispatcher starts
     * exactly that version. Records without it (written before it existed) start the newest version.
     */
    public static final String EXT_WORKFLOW_HASH = "workflowhash";
    /** Extension: the run id (see {@link DedupeKey#runId()}). */
    public static final String EXT_RUN_ID = "runid";
    /** Extension: the trigger name. */
    public static final String EXT_TRIGGER = "trigger";
    /** Extension: the dedupe key, which is also the Kafka key (CloudEvents partitioning extension). */
    public static final String EXT_PARTITION_KEY = "partitionkey";

    /** {@code ce_source} of events from trigger {@code name}. */
    public static String source(String trigger) {
        return "/hooks/" + trigger;
    }

    private TriggerEvents() {
    }
}
