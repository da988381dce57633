package dev.guild.runtime.kv;

import java.util.Arrays;

/**
 * The prefix-cache key of a full block: its tokens chained with its parent (the block before it, by
 * {@link Block#contentId}; 0 for the first block). Equal keys mean equal token prefixes, so equal KV
 * rows. Equality compares the tokens themselves, so a hash collision can never share wrong rows.
 */
record BlockKey(long parent, int[] tokens, int hash) {

    static BlockKey of(long parent, int[] tokens, int from, int to) {
        int[] t = Arrays.copyOfRange(tokens, from, to);
        return new BlockKey(parent, t, 31 * Long.hashCode(parent * 0x9E3779B97F4A7C15L) + Arrays.hashCode(t));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockKey k && k.parent == parent && k.hash == hash && Arrays.equals(k.tokens, tokens);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "BlockKey[parent=" + parent + ", tokens=" + tokens.length + "]";
    }
}
