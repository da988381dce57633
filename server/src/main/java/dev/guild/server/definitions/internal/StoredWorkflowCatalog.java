package dev.guild.server.definitions.internal;

import dev.guild.server.definitions.DefinitionStore;
import dev.guild.server.definitions.StoredVersion;
import dev.guild.server.hooks.WorkflowCatalog;
import dev.guild.tools.ToolRegistry;
import dev.guild.workflows.definition.DefinitionRepository;
import dev.guild.workflows.definition.WorkflowDefinition;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The catalog the webhook edge and the dispatcher start runs from: the newest stored version of each name. Versions
 * are immutable, so each is parsed once and kept by hash.
 */
public final class StoredWorkflowCatalog implements WorkflowCatalog {
    private final DefinitionStore store;
    private final ToolRegistry tools;
    private final Map<String, WorkflowDefinition> parsed = new ConcurrentHashMap<>();

    public StoredWorkflowCatalog(DefinitionStore store, ToolRegistry tools) {
        this.store = store;
        this.tools = tools;
    }

    @Override
    public Set<String> names() {
        return new TreeSet<>(store.latestOfEach().stream().map(StoredVersion::name).toList());
    }

    @Override
    public Optional<WorkflowDefinition> find(String name) {
        return store.latest(name).map(this::definition);
    }

    /** A stored version as a definition (validated when it was stored; parsed here once per hash). */
    public WorkflowDefinition definition(StoredVersion version) {
        return parsed.computeIfAbsent(version.hash(),
                hash -> DefinitionRepository.parse(version.source(), version.definition(), tools));
    }
}
