package dev.guild.runtime.model.internal;

import dev.guild.runtime.model.Batch;
import dev.guild.runtime.model.KvCache;

/**
 * The flattened tokens of one forward step: token {@code t} belongs to entry {@code entry[t]}, sits
 * at position {@code pos[t]} of its sequence and uses that entry's KV cache.
 */
public final class Step {

    public final int tokens;
    public final int[] ids;
    public final int[] pos;
    public final int[] entry;
    public final KvCache[] caches;

    public Step(Batch batch) {
        this.tokens = batch.tokenCount();
        this.ids = new int[tokens];
        this.pos = new int[tokens];
        this.entry = new int[tokens];
        this.caches = new KvCache[batch.entries().size()];
        int t = 0;
        for (int e = 0; e < caches.length; e++) {
            Batch.Entry be = batch.entries().get(e);
            caches[e] = be.cache();
            int start = be.cache().length();
            for (int i = 0; i < be.tokens().length; i++, t++) {
                ids[t] = be.tokens()[i];
                pos[t] = start + i;
                entry[t] = e;
            }
        }
    }

    public KvCache cache(int t) {
        return caches[entry[t]];
    }
}
