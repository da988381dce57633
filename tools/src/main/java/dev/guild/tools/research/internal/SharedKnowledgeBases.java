package dev.guild.tools.research.internal;

import dev.guild.tools.research.KnowledgeBase;
import dev.guild.tools.research.ResearchSettings;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One open {@link KnowledgeBase} per index directory in this process. Lucene lets one writer hold a directory, and
 * a process may build its tool registry more than once (tests, reloads), so providers share the open index instead of
 * each opening their own. Opened on first use: building a registry loads no model and locks no directory. Every write
 * is committed when it returns, so the index needs no close at exit.
 */
final class SharedKnowledgeBases {

    private static final Map<Path, KnowledgeBase> OPEN = new ConcurrentHashMap<>();

    static Supplier<KnowledgeBase> lazy(ResearchSettings settings) {
        Path key = settings.indexDir().toAbsolutePath().normalize();
        return () -> OPEN.computeIfAbsent(key, k -> KnowledgeBase.open(settings));
    }

    private SharedKnowledgeBases() {
    }
}
