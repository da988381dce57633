package dev.guild.workflows.ports;

import dev.guild.workflows.definition.WorkflowDefinition;

import java.util.Optional;

/** Where the scheduler finds the definition a fire starts: the newest version of a name (the server's store). */
@FunctionalInterface
public interface DefinitionSource {
    Optional<WorkflowDefinition> latest(String workflowName);
}
