package dev.guild.workflows.internal.activities;

import dev.guild.workflows.activities.DefinitionActivities;
import dev.guild.workflows.activities.ResolveDefinitionInput;
import dev.guild.workflows.activities.ResolveDefinitionOutput;
import dev.guild.workflows.definition.WorkflowDefinition;
import dev.guild.workflows.ports.DefinitionLookup;

import java.util.Objects;

/** See {@link DefinitionActivities}. A definition that is not found is an answer ({@code error}), not a retry. */
public final class DefinitionActivitiesImpl implements DefinitionActivities {

    private final DefinitionLookup lookup;

    public DefinitionActivitiesImpl(DefinitionLookup lookup) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    @Override
    public ResolveDefinitionOutput resolve(ResolveDefinitionInput input) {
        WorkflowDefinition definition = lookup.find(input.namespace(), input.name(), input.version()).orElse(null);
        if (definition == null) {
            return new ResolveDefinitionOutput(null, null, null, "no workflow definition " + input.namespace() + "/"
                    + input.name() + (input.version() == null ? "" : " version " + input.version())
                    + " is known; load or store it before running a workflow that runs it");
        }
        return new ResolveDefinitionOutput(definition.name(), definition.hash(), definition.text(), null);
    }
}
