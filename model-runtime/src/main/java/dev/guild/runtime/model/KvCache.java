package dev.guild.runtime.model;

/**
 * The keys and values one sequence has computed so far, per layer. Rows are stored in float arrays
 * that the cache owns; a paged implementation returns the page that holds a position and the
 * offset of the row in it, so attention never assumes one contiguous array per layer.
 *
 * <p>A forward step writes the rows of its new tokens at positions {@code length() ..
 * length()+n-1} and then calls {@link #advance(int)}. Not thread-safe: one sequence, one step at a
 * time.
 */
public interface KvCache {

    /** Tokens whose keys and values are stored: the position of the next token. */
    int length();

    /** The most tokens this cache can hold (the context limit of its sequence). */
    int capacity();

    /** Stores the key row and value row of {@code pos} at {@code layer}. */
    void put(int layer, int pos, float[] k, int kOff, float[] v, int vOff);

    /** The array that holds the key row of {@code pos}; the row starts at {@link #keyOffset}. */
    float[] keys(int layer, int pos);

    int keyOffset(int layer, int pos);

    /** The array that holds the value row of {@code pos}; the row starts at {@link #valueOffset}. */
    float[] values(int layer, int pos);

    int valueOffset(int layer, int pos);

    /** Marks {@code n} more positions as stored after a forward step wrote them. */
    void advance(int n);

    /**
     * The length after advancing a cache of {@code length} positions by {@code n}, for implementations.
     *
     * @throws IllegalArgumentException when {@code n} is negative or the result passes {@code capacity}
     */
    static int advanced(int length, int n, int capacity) {
        if (n < 0 || length + n > capacity) {
            throw new IllegalArgumentException("cannot advance KV cache of length %d by %d: capacity is %d"
                    .formatted(length, n, capacity));
        }
        return length + n;
    }

    /** Forgets every position at or after {@code length} (for example to reuse a shared prefix). */
    void truncate(int length);
}
