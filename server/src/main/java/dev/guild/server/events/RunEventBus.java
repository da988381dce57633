package dev.guild.server.events;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Wakes up readers of a run (the SSE streams) when new events of that run were stored. It carries no events:
 * readers fetch them from the {@link RunEventStore}, which keeps the order and fills gaps.
 */
public final class RunEventBus {
    private final Map<String, Set<Runnable>> listeners = new ConcurrentHashMap<>();

    /** Calls {@code onStored} (on the storing thread; keep it short) whenever events of {@code runId} were stored. */
    public AutoCloseable subscribe(String runId, Runnable onStored) {
        listeners.computeIfAbsent(runId, id -> new CopyOnWriteArraySet<>()).add(onStored);
        return () -> listeners.computeIfPresent(runId, (id, set) -> {
            set.remove(onStored);
            return set.isEmpty() ? null : set;
        });
    }

    /** Signals that events of these runs were stored. */
    public void stored(List<String> runIds) {
        for (String runId : Set.copyOf(runIds)) {
            Set<Runnable> set = listeners.get(runId);
            if (set != null) {
                set.forEach(Runnable::run);
            }
        }
    }
}
