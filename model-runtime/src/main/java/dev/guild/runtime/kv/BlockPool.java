package dev.guild.runtime.kv;

import dev.guild.runtime.model.KvShape;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A paged KV cache: a fixed budget of blocks, each holding the keys and values of {@link #blockTokens()}
 * positions for every layer, shared out to sequences through {@link PagedKvCache} block tables.
 *
 * <p><b>Memory.</b> A sequence is {@linkplain #open opened} only when the blocks it may ever need (its
 * capacity) fit beside those already pinned; it then holds that reservation until it is released, so a
 * running sequence can always take its next block and is never starved or overwritten. Requests that do
 * not fit wait (the scheduler keeps them queued). Block storage is allocated on first use and reused.
 *
 * <p><b>Prefix caching.</b> When a block fills up, its owner {@linkplain PagedKvCache#commit commits}
 * it: the block is registered under its tokens chained with its parent block, becomes read-only, and a
 * later sequence whose prompt starts with the same tokens takes it into its own block table (reference
 * counted) instead of computing it again. Registered blocks nobody references stay cached and are
 * evicted least recently used first (leaf blocks before their parents) when storage is needed.
 *
 * <p>Thread-safe: every method takes the pool's lock (one scheduler thread uses it in practice).
 */
public final class BlockPool {

    /**
     * A snapshot of the pool.
     *
     * @param blockTokens   positions per block
     * @param totalBlocks   the budget in blocks
     * @param pinnedBlocks  blocks referenced by open sequences plus blocks they reserved and have not taken yet
     * @param usedBlocks    blocks referenced by open sequences now
     * @param cachedBlocks  blocks registered in the prefix cache (referenced or not)
     * @param evictableBlocks registered blocks no sequence references (kept until the space is needed)
     */
    public record Stats(int blockTokens, int totalBlocks, int pinnedBlocks, int usedBlocks, int cachedBlocks,
                        int evictableBlocks) {
    }

    private final KvShape shape;
    private final int blockTokens;
    private final int totalBlocks;
    private final boolean prefixCaching;
    private final Map<BlockKey, Block> cached = new HashMap<>();
    /** Registered, unreferenced blocks; iteration order is eviction order (least recently released first). */
    private final LinkedHashSet<Block> evictable = new LinkedHashSet<>();
    private final ArrayDeque<Block> free = new ArrayDeque<>();
    private int allocated;
    private int pinned;
    private int used;
    private long nextContentId = 1;

    /**
     * @param shape         rows per position of the model served
     * @param blockTokens   positions per block (16 is common)
     * @param totalBlocks   the memory budget in blocks ({@link #blocksForBytes} converts bytes)
     * @param prefixCaching whether full blocks are shared across sequences with the same token prefix
     */
    public BlockPool(KvShape shape, int blockTokens, int totalBlocks, boolean prefixCaching) {
        if (blockTokens <= 0 || totalBlocks <= 0) {
            throw new IllegalArgumentException(("a KV block pool needs positive block tokens and block count, got %d and"
                    + " %d").formatted(blockTokens, totalBlocks));
        }
        this.shape = shape;
        this.blockTokens = blockTokens;
        this.totalBlocks = totalBlocks;
        this.prefixCaching = prefixCaching;
    }

    /** Blocks of {@code blockTokens} positions of {@code shape} that fit in {@code bytes}. */
    public static int blocksForBytes(KvShape shape, int blockTokens, long bytes) {
        return (int) Math.min(Integer.MAX_VALUE, bytes / (shape.bytesPerToken() * blockTokens));
    }

    /** Whether a sequence of {@code capacity} positions fits now, counting none of its prefix as cached. */
    public synchronized boolean fits(int capacity) {
        return pinned + blocksFor(capacity) <= totalBlocks;
    }

    /** Blocks needed to hold {@code tokens} positions. */
    public int blocksFor(int tokens) {
        return (tokens + blockTokens - 1) / blockTokens;
    }

    public int blockTokens() {
        return blockTokens;
    }

    public int totalBlocks() {
        return totalBlocks;
    }

    public boolean prefixCaching() {
        return prefixCaching;
    }

    public synchronized Stats stats() {
        return new Stats(blockTokens, totalBlocks, pinned, used, cached.size(), evictable.size());
    }

    /**
     * Opens a cache for a sequence whose prompt is {@code prompt} and which may grow to {@code capacity}
     * positions. The cache starts with the cached blocks that hold a prefix of the prompt (never the whole
     * prompt: at least its last token is left to compute, for its logits); {@link PagedKvCache#length()}
     * tells how many positions that is. Empty when the budget cannot hold the sequence now.
     *
     * @throws IllegalArgumentException when the sequence could never fit the budget
     */
    public synchronized Optional<PagedKvCache> open(int[] prompt, int capacity) {
        int need = blocksFor(capacity);
        if (capacity < prompt.length) {
            throw new IllegalArgumentException("a KV cache of capacity %d cannot hold its prompt of %d tokens"
                    .formatted(capacity, prompt.length));
        }
        if (need > totalBlocks) {
            throw new IllegalArgumentException(("a sequence of %d positions (prompt %d) needs %d KV blocks of %d but"
                    + " the pool has %d; raise the KV budget or ask for fewer tokens")
                    .formatted(capacity, prompt.length, need, blockTokens, totalBlocks));
        }
        List<Block> match = new ArrayList<>();
        long parent = 0;
        if (prefixCaching) {
            for (int b = 0; (b + 1) * blockTokens <= prompt.length - 1; b++) {
                Block hit = cached.get(BlockKey.of(parent, prompt, b * blockTokens, (b + 1) * blockTokens));
                if (hit == null) {
                    break;
                }
                match.add(hit);
                parent = hit.contentId;
            }
        }
        int revived = 0;
        for (Block b : match) {
            if (b.refs == 0) {
                revived++;
            }
        }
        int fresh = need - match.size();
        if (pinned + revived + fresh > totalBlocks) {
            return Optional.empty();
        }
        for (Block b : match) {
            reference(b);
        }
        pinned += fresh;
        return Optional.of(new PagedKvCache(this, shape, capacity, match, parent, fresh));
    }

    private void reference(Block b) {
        if (b.refs++ == 0) {
            evictable.remove(b);
            pinned++;
            used++;
        }
    }

    /** A block for the next positions of {@code cache}, taken from its reservation. */
    synchronized Block allocate(PagedKvCache cache) {
        if (cache.reserved <= 0) {
            throw new IllegalStateException("a KV cache asked for more blocks than its capacity of " + cache.capacity()
                    + " positions reserved; this is a bug in the caller");
        }
        Block b = free.pollFirst();
        if (b == null) {
            Iterator<Block> oldest = evictable.iterator();
            if (allocated < totalBlocks) {
                b = new Block(shape.layers(), blockTokens * shape.keyWidth(), blockTokens * shape.valueWidth());
                allocated++;
            } else if (oldest.hasNext()) {
                b = oldest.next();
                oldest.remove();
                cached.remove(b.key);
                b.key = null;
                b.contentId = -1;
            } else {
                throw new IllegalStateException("the KV block pool has no free block although " + cache.reserved
                        + " were reserved; this is a bug in the pool's accounting");
            }
        }
        cache.reserved--;
        b.refs = 1;
        used++;
        return b;
    }

    /**
     * Registers the full blocks of {@code cache} not registered yet; {@code tokens} holds at least the
     * cache's {@code length()} tokens, position by position.
     */
    synchronized void commit(PagedKvCache cache, int[] tokens) {
        if (!prefixCaching) {
            return;
        }
        while ((cache.committed + 1) * blockTokens <= cache.length()) {
            Block block = cache.table.get(cache.committed);
            BlockKey key = BlockKey.of(cache.parent, tokens, cache.committed * blockTokens,
                    (cache.committed + 1) * blockTokens);
            Block existing = cached.get(key);
            if (existing == null) {
                block.key = key;
                block.contentId = nextContentId++;
                cached.put(key, block);
                existing = block;
            }
            // an identical block computed concurrently by another sequence stays private to this one
            cache.parent = existing.contentId;
            cache.committed++;
        }
    }

    /** Drops the blocks of {@code cache} from index {@code keep} on, turning them back into its reservation. */
    synchronized void shrink(PagedKvCache cache, int keep) {
        while (cache.table.size() > keep) {
            Block b = cache.table.removeLast();
            b.refs = 0;
            used--;
            free.addFirst(b);
            cache.reserved++;
        }
    }

    /** Gives back every block and the unused reservation of {@code cache}. */
    synchronized void release(PagedKvCache cache) {
        for (int i = cache.table.size() - 1; i >= 0; i--) {
            Block b = cache.table.get(i);
            if (--b.refs == 0) {
                pinned--;
                used--;
                if (b.key != null) {
                    evictable.addLast(b);
                } else {
                    free.addFirst(b);
                }
            }
        }
        cache.table.clear();
        pinned -= cache.reserved;
        cache.reserved = 0;
    }
}
