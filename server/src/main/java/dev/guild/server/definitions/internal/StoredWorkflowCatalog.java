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
 * The catalog the webhook edge and the dispatcher start runs from: the newest stored version of each name, or one
 * version by hash (a trigger pinned to the version that validated it). Versions are immutable, so each is parsed once
 * and kept by hash.
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
        return store.latestHash(name).flatMap(hash -> find(name, hash));
    }

    /** A parsed version is kept by hash, so only the first look-up of a version reads its text. */
    @Override
    public Optional<WorkflowDefinition> find(String name, String hash) {
        WorkflowDefinition known = parsed.get(hash);
        if (known != null && known.name().equals(name)) {
            return Optional.of(known);
        }
        return store.find(name, hash).map(this::definition);
    }

    /** A stored version as a definition (validated when it was stored; parsed here once per hash). */
    public WorkflowDefinition definition(StoredVersion version) {
        return parsed.computeIfAbsent(version.hash(),
                hash -> DefinitionRepository.parse(version.source(), version.definition(), tools));
    }
}
