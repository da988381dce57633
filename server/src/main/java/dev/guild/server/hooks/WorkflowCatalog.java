package dev.guild.server.hooks;

import dev.guild.workflows.definition.WorkflowDefinition;

import java.util.Optional;
import java.util.Set;

/** The loaded workflow definitions, as the webhook edge and the dispatcher see them. */
public interface WorkflowCatalog {

    /** Names ({@code document.name}) of the loaded definitions. */
    Set<String> names();

    /** The newest version of the definition named {@code name}, if loaded. */
    Optional<WorkflowDefinition> find(String name);

    /**
     * The version of {@code name} whose {@link WorkflowDefinition#hash()} is {@code hash} ({@code sha256:<hex>}), if
     * stored. Versions are immutable, so this is the exact definition a trigger was validated against. The default
     * looks only at the newest version.
     */
    default Optional<WorkflowDefinition> find(String name, String hash) {
        return find(name).filter(definition -> definition.hash().equals(hash));
    }
}
