package dev.guild.runtime.tokenizer.internal;

import java.util.Arrays;

/** A growable list of primitive ints (token ids, segment lengths) without boxing. */
public final class IntList {
    private int[] values;
    private int size;

    public IntList(int capacity) {
        values = new int[Math.max(4, capacity)];
    }

    public void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    public void addAll(int[] more) {
        for (int v : more) {
            add(v);
        }
    }

    public int get(int index) {
        return values[index];
    }

    public int size() {
        return size;
    }

    public int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
