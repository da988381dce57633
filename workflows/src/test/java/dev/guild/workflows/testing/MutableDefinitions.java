package dev.guild.workflows.testing;

import dev.guild.workflows.definition.WorkflowDefinition;
import dev.guild.workflows.ports.DefinitionLookup;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Definitions a test adds as it goes, for {@code run: workflow} and schedules. Tests only. */
public final class MutableDefinitions implements DefinitionLookup {

    private final List<WorkflowDefinition> definitions = new CopyOnWriteArrayList<>();

    public void add(WorkflowDefinition definition) {
        definitions.add(definition);
    }

    /** The newest definition added with this name (what a schedule starts). */
    public Optional<WorkflowDefinition> latest(String name) {
        return definitions.reversed().stream().filter(d -> d.name().equals(name)).findFirst();
    }

    @Override
    public Optional<WorkflowDefinition> find(String namespace, String name, String version) {
        return definitions.reversed().stream()
                .filter(d -> d.namespace().equals(namespace) && d.name().equals(name)
                        && (version == null || version.equals(d.version())))
                .findFirst();
    }
}
