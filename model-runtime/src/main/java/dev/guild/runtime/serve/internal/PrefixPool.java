package dev.guild.runtime.serve.internal;

import dev.guild.runtime.model.KvCache;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Prefix caching: the KV caches of finished sequences, kept with the tokens they hold. A new request
 * takes the cache whose tokens share the longest prefix with its prompt, truncated to that prefix, and
 * prefills only the rest (an agent's next step resends its transcript and adds to it). A cache is used
 * by one sequence at a time: taking it removes it from the pool. Oldest entries are evicted first.
 * Touched only by the scheduler thread.
 */
public final class PrefixPool {

    private record Entry(int[] tokens, KvCache cache) {
    }

    /** A cache taken from the pool that already holds the first {@code length} prompt tokens. */
    public record Match(KvCache cache, int length) {
    }

    private final int maxEntries;
    private final List<Entry> entries = new ArrayList<>();
    private long tokens;

    /** @param maxEntries caches kept; 0 turns prefix caching off */
    public PrefixPool(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** KV positions held by pooled caches. */
    public long tokens() {
        return tokens;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * Takes the cache sharing the longest prefix with {@code prompt}; at least one prompt token is left to
     * prefill so that the step yields the logits of the last prompt token.
     */
    public Optional<Match> take(int[] prompt) {
        int best = -1;
        int bestLength = 0;
        for (int i = 0; i < entries.size(); i++) {
            int n = commonPrefix(entries.get(i).tokens(), prompt, prompt.length - 1);
            if (n > bestLength) {
                best = i;
                bestLength = n;
            }
        }
        if (best < 0) {
            return Optional.empty();
        }
        Entry e = entries.remove(best);
        tokens -= e.tokens().length;
        e.cache().truncate(bestLength);
        return Optional.of(new Match(e.cache(), bestLength));
    }

    /** Keeps {@code cache}, which holds the KV of {@code held} (its first {@code cache.length()} tokens). */
    public void put(int[] held, KvCache cache) {
        if (maxEntries == 0 || held.length == 0 || held.length != cache.length()) {
            return;
        }
        entries.add(new Entry(held, cache));
        tokens += held.length;
        while (entries.size() > maxEntries) {
            evictOldest();
        }
    }

    /** Drops the oldest cache; returns false when the pool is empty. */
    public boolean evictOldest() {
        if (entries.isEmpty()) {
            return false;
        }
        tokens -= entries.removeFirst().tokens().length;
        return true;
    }

    private static int commonPrefix(int[] a, int[] b, int max) {
        int n = Math.min(max, Math.min(a.length, b.length));
        int i = 0;
        while (i < n && a[i] == b[i]) {
            i++;
        }
        return i;
    }
}
