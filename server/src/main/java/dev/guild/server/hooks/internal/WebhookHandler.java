package dev.guild.server.hooks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guild.server.hooks.AcceptedRuns;
import dev.guild.server.hooks.DedupeKey;
import dev.guild.workflows.definition.WorkflowDefinition;
import org.jboss.logging.Logger;

/**
 * The webhook pipeline without HTTP: trigger lookup, signature on the raw bytes, then JSON and the input schema of
 * the workflow's newest version, then the Kafka hand-off pinned to that version (its hash travels with the event). Every refusal is a {@link WebhookRejected}; nothing is published unless every check passed.
 */
public final class WebhookHandler {
    private static final Logger LOG = Logger.getLogger(WebhookHandler.class);
    private final TriggerRegistry registry;
    private final KafkaTriggerPublisher publisher;
    private final AcceptedRuns accepted;

    public WebhookHandler(TriggerRegistry registry, KafkaTriggerPublisher publisher, AcceptedRuns accepted) {
        this.registry = registry;
        this.publisher = publisher;
        this.accepted = accepted;
    }

    /** @throws WebhookRejected 404 for an unknown trigger */
    public TriggerRegistry.Trigger trigger(String name) {
        return registry.find(name).orElseThrow(() -> new WebhookRejected(404, "unknown_trigger",
                "No trigger named '" + SignatureVerifier.abbreviate(name) + "' is configured (configured: "
                        + registry.names() + ")",
                "POST to /hooks/<name> with one of the configured names, or configure guild.triggers."
                        + "<name>.workflow and guild.triggers.<name>.secret"));
    }

    /**
     * Verifies, validates and publishes one delivery.
     *
     * @return the run id of the delivery (the same for every retry of it)
     * @throws WebhookRejected 401 (signature), 400 (JSON or input schema) or 503 (Kafka unavailable)
     */
    public String accept(TriggerRegistry.Trigger trigger, String id, String timestamp, String signature, byte[] body) {
        trigger.verifier().verify(id, timestamp, signature, body);
        JsonNode input = InputValidator.parse(body);
        WorkflowDefinition workflow = registry.current(trigger);
        InputValidator.validate(workflow, input);
        DedupeKey key = new DedupeKey(trigger.name(), id);
        try {
            publisher.publish(workflow, key, body);
        } catch (KafkaTriggerPublisher.Unavailable e) {
            throw new WebhookRejected(503, "kafka_unavailable", "The delivery could not be stored durably: "
                    + e.getMessage() + "; nothing was started",
                    "Retry the same delivery (same webhook-id) after the Retry-After delay; it is deduplicated");
        }
        try {
            accepted.accepted(key, workflow.name());
        } catch (RuntimeException e) {
            // the delivery is durable on Kafka and will start: only the 'accepted' answer of the run API is missing
            LOG.warnf("run %s is accepted but could not be noted as such: %s", key.runId(), e.getMessage());
        }
        return key.runId();
    }
}
