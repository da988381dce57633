package dev.guild.workflows.ports;

import dev.guild.workflows.definition.WorkflowDefinition;

import java.util.Optional;

/**
 * Finds the definition a {@code run: {workflow: ...}} task starts. {@link dev.guild.workflows.definition.DefinitionRepository}
 * implements it for the definitions loaded from a directory; the platform may implement it over stored versions.
 */
public interface DefinitionLookup {

    /**
     * The definition with this {@code document.namespace} and {@code document.name}; {@code version} null means the
     * newest one known.
     */
    Optional<WorkflowDefinition> find(String namespace, String name, String version);
}
