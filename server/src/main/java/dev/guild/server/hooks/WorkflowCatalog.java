package dev.guild.server.hooks;

import dev.guild.workflows.definition.WorkflowDefinition;

import java.util.Optional;
import java.util.Set;

/** The loaded workflow definitions, as the webhook edge and the dispatcher see them. */
public interface WorkflowCatalog {

    /** Names ({@code document.name}) of the loaded definitions. */
    Set<String> names();

    /** The definition named {@code name}, if loaded. */
    Optional<WorkflowDefinition> find(String name);
}
