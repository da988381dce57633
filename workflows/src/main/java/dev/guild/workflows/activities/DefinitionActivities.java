package dev.guild.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Finds the definition a {@code run: {workflow: ...}} task starts, through the
 * {@link dev.guild.workflows.ports.DefinitionLookup}, on {@link dev.guild.workflows.TaskQueues#TOOLS}. The result (text
 * and hash) lands in history, so the child run is pinned to it.
 */
@ActivityInterface
public interface DefinitionActivities {
    @ActivityMethod(name = "guild.definitions.resolve")
    ResolveDefinitionOutput resolve(ResolveDefinitionInput input);
}
