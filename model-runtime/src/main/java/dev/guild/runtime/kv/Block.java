package dev.guild.runtime.kv;

/**
 * One block of a {@link BlockPool}: the key and value rows of {@code blockTokens} consecutive positions
 * for every layer. A block with {@link #key} set is registered in the prefix cache: it is full, its
 * contents never change, and any number of sequences may read it.
 */
final class Block {

    final float[][] keys;
    final float[][] values;
    /** Sequences whose block table holds this block. */
    int refs;
    /** The prefix-cache key while registered, else null. */
    BlockKey key;
    /** A number never reused, given at registration: the parent id of the next block's key. */
    long contentId = -1;

    Block(int layers, int keyFloats, int valueFloats) {
        keys = new float[layers][keyFloats];
        values = new float[layers][valueFloats];
    }
}
