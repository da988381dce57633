package dev.guild.runtime.kv;

import dev.guild.runtime.model.KvCache;
import dev.guild.runtime.model.KvShape;

import java.util.ArrayList;
import java.util.List;

/**
 * One sequence's view of a {@link BlockPool}: a block table mapping position {@code p} to block
 * {@code p / blockTokens}, row {@code p % blockTokens}. The leading blocks may be shared with other
 * sequences (prefix caching); they are read-only, and this cache only ever writes past them. Not
 * thread-safe: one sequence, one step at a time. {@link #release()} gives the blocks back.
 */
public final class PagedKvCache implements KvCache {

    private final BlockPool pool;
    private final int blockTokens;
    private final int keyWidth;
    private final int valueWidth;
    private final int capacity;
    private final int reused;
    final ArrayList<Block> table;
    /** Leading blocks committed to the prefix cache (or found in it). */
    int committed;
    /** Content id of the last committed block (0 before the first). */
    long parent;
    /** Blocks reserved for this cache and not taken yet. */
    int reserved;
    private int length;
    private boolean released;

    PagedKvCache(BlockPool pool, KvShape shape, int capacity, List<Block> shared, long parent, int reserved) {
        this.pool = pool;
        this.blockTokens = pool.blockTokens();
        this.keyWidth = shape.keyWidth();
        this.valueWidth = shape.valueWidth();
        this.capacity = capacity;
        this.table = new ArrayList<>(shared);
        this.committed = shared.size();
        this.parent = parent;
        this.reserved = reserved;
        this.length = shared.size() * blockTokens;
        this.reused = length;
    }

    /** Positions taken from the prefix cache when the cache was opened. */
    public int reusedTokens() {
        return reused;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public void put(int layer, int pos, float[] k, int kOff, float[] v, int vOff) {
        if (released) {
            throw new IllegalStateException("this KV cache was released; open a new one from the pool");
        }
        if (pos < length || pos >= capacity) {
            throw new IllegalArgumentException("position %d cannot be written: the cache holds %d positions of at most %d"
                    .formatted(pos, length, capacity));
        }
        int b = pos / blockTokens;
        while (table.size() <= b) {
            table.add(pool.allocate(this));
        }
        Block block = table.get(b);
        int row = pos - b * blockTokens;
        System.arraycopy(k, kOff, block.keys[layer], row * keyWidth, keyWidth);
        System.arraycopy(v, vOff, block.values[layer], row * valueWidth, valueWidth);
    }

    @Override
    public float[] keys(int layer, int pos) {
        return table.get(pos / blockTokens).keys[layer];
    }

    @Override
    public int keyOffset(int layer, int pos) {
        return (pos % blockTokens) * keyWidth;
    }

    @Override
    public float[] values(int layer, int pos) {
        return table.get(pos / blockTokens).values[layer];
    }

    @Override
    public int valueOffset(int layer, int pos) {
        return (pos % blockTokens) * valueWidth;
    }

    @Override
    public void advance(int n) {
        length = KvCache.advanced(length, n, capacity);
    }

    /**
     * Forgets positions from {@code newLength} on. Blocks committed to the prefix cache are read-only, so
     * the cut may not fall inside them.
     */
    @Override
    public void truncate(int newLength) {
        if (newLength < committed * blockTokens || newLength > length) {
            throw new IllegalArgumentException(("cannot truncate a paged KV cache of length %d to %d: positions below %d"
                    + " are in shared prefix blocks; open a new cache instead")
                    .formatted(length, newLength, committed * blockTokens));
        }
        pool.shrink(this, pool.blocksFor(newLength));
        length = newLength;
    }

    /**
     * Shares the blocks this cache has filled with later sequences: {@code tokens[0..length())} are the
     * tokens whose keys and values it holds. Call after each step; a no-op when prefix caching is off.
     */
    public void commit(int[] tokens) {
        if (tokens.length < length) {
            throw new IllegalArgumentException("the cache holds %d positions but only %d tokens were given"
                    .formatted(length, tokens.length));
        }
        pool.commit(this, tokens);
    }

    /** Gives every block and the unused reservation back to the pool; the cache cannot be used afterwards. */
    public void release() {
        if (!released) {
            released = true;
            pool.release(this);
        }
    }
}
