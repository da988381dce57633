package dev.guild.runtime.tokenizer.internal;

import java.util.PriorityQueue;

/**
 * The merge loop shared by BPE and SentencePiece in llama.cpp: symbols form a linked list over the
 * text; every adjacent pair that may merge goes into a priority queue (lowest priority value
 * first, leftmost on ties); popped pairs that are stale (a side changed since) are skipped. Each
 * merge is O(log n), so a word of n symbols costs O(n log n).
 */
final class PairMerger {
    /** Decides whether two adjacent symbols may merge. */
    interface Scorer {
        /** The merge's priority (smaller merges first), or {@link Double#NaN} when they may not merge. */
        double priority(String text, int start, int leftLength, int rightLength);
    }

    /** The symbols after merging: each live symbol {@code i} covers {@code [start[i], start[i] + length[i])}. */
    record Symbols(int[] start, int[] length, int[] next) {
        String text(String source, int i) {
            return source.substring(start[i], start[i] + length[i]);
        }
    }

    private PairMerger() {
    }

    static Symbols merge(String text, int[] start, int count, Scorer scorer) {
        int[] length = new int[count];
        int[] prev = new int[count];
        int[] next = new int[count];
        for (int i = 0; i < count; i++) {
            length[i] = (i + 1 < count ? start[i + 1] : text.length()) - start[i];
            prev[i] = i - 1;
            next[i] = i + 1 < count ? i + 1 : -1;
        }
        PriorityQueue<Pair> queue = new PriorityQueue<>();
        for (int i = 1; i < count; i++) {
            offer(text, start, length, i - 1, i, scorer, queue);
        }
        while (!queue.isEmpty()) {
            Pair p = queue.poll();
            if (length[p.left] == 0 || length[p.right] == 0 || length[p.left] + length[p.right] != p.size) {
                continue;
            }
            length[p.left] += length[p.right];
            length[p.right] = 0;
            next[p.left] = next[p.right];
            if (next[p.right] >= 0) {
                prev[next[p.right]] = p.left;
            }
            if (prev[p.left] >= 0) {
                offer(text, start, length, prev[p.left], p.left, scorer, queue);
            }
            if (next[p.left] >= 0) {
                offer(text, start, length, p.left, next[p.left], scorer, queue);
            }
        }
        return new Symbols(start, length, next);
    }

    private static void offer(String text, int[] start, int[] length, int left, int right, Scorer scorer,
                              PriorityQueue<Pair> queue) {
        double priority = scorer.priority(text, start[left], length[left], length[right]);
        if (!Double.isNaN(priority)) {
            queue.add(new Pair(left, right, priority, length[left] + length[right]));
        }
    }

    private record Pair(int left, int right, double priority, int size) implements Comparable<Pair> {
        @Override
        public int compareTo(Pair o) {
            int c = Double.compare(priority, o.priority);
            return c != 0 ? c : Integer.compare(left, o.left);
        }
    }
}
