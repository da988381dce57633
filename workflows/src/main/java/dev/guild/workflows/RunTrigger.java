package dev.guild.workflows;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * What started a run.
 *
 * @param kind       {@code webhook}, {@code chat}, {@code schedule} or {@code api}
 * @param name       the trigger's configured name (e.g. the {@code hello} of {@code /hooks/hello})
 * @param deliveryId the delivery's dedupe key (e.g. the {@code webhook-id} header); null when there is none
 */
public record RunTrigger(@JsonProperty("kind") String kind,
                         @JsonProperty("name") String name,
                         @JsonProperty("deliveryId") String deliveryId) {
    @JsonCreator
    public RunTrigger {
        Objects.requireNonNull(kind, "trigger kind");
        Objects.requireNonNull(name, "trigger name");
    }
}
