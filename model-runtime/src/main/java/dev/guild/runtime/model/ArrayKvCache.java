package dev.guild.runtime.model;

import java.util.Arrays;

/**
 * A {@link KvCache} in one growable float array per layer for keys and one for values. Memory is
 * taken as the sequence grows (doubling), never beyond {@link #capacity()}.
 */
public final class ArrayKvCache implements KvCache {

    private final int keyWidth;
    private final int valueWidth;
    private final int capacity;
    private final float[][] keys;
    private final float[][] values;
    private int allocated;
    private int length;

    /**
     * @param layers     transformer layers
     * @param keyWidth   floats per cached key row (kv heads × key head width)
     * @param valueWidth floats per cached value row
     * @param capacity   maximum positions
     */
    public ArrayKvCache(int layers, int keyWidth, int valueWidth, int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("KV cache capacity must be positive, got " + capacity);
        }
        this.keyWidth = keyWidth;
        this.valueWidth = valueWidth;
        this.capacity = capacity;
        this.keys = new float[layers][];
        this.values = new float[layers][];
        this.allocated = Math.min(capacity, 16);
        for (int l = 0; l < layers; l++) {
            keys[l] = new float[allocated * keyWidth];
            values[l] = new float[allocated * valueWidth];
        }
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
        if (pos >= capacity) {
            throw new IllegalArgumentException("position " + pos + " is beyond the KV cache capacity " + capacity);
        }
        if (pos >= allocated) {
            grow(pos + 1);
        }
        System.arraycopy(k, kOff, keys[layer], pos * keyWidth, keyWidth);
        System.arraycopy(v, vOff, values[layer], pos * valueWidth, valueWidth);
    }

    private void grow(int needed) {
        int size = allocated;
        while (size < needed) {
            size = Math.min(capacity, size * 2);
        }
        for (int l = 0; l < keys.length; l++) {
            keys[l] = Arrays.copyOf(keys[l], size * keyWidth);
            values[l] = Arrays.copyOf(values[l], size * valueWidth);
        }
        allocated = size;
    }

    @Override
    public float[] keys(int layer, int pos) {
        return keys[layer];
    }

    @Override
    public int keyOffset(int layer, int pos) {
        return pos * keyWidth;
    }

    @Override
    public float[] values(int layer, int pos) {
        return values[layer];
    }

    @Override
    public int valueOffset(int layer, int pos) {
        return pos * valueWidth;
    }

    @Override
    public void advance(int n) {
        length = KvCache.advanced(length, n, capacity);
    }

    @Override
    public void truncate(int newLength) {
        if (newLength < 0 || newLength > length) {
            throw new IllegalArgumentException("cannot truncate KV cache of length %d to %d".formatted(length, newLength));
        }
        length = newLength;
    }
}
