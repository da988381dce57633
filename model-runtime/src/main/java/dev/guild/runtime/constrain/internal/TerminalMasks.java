package dev.guild.runtime.constrain.internal;

/**
 * For one terminal in one state, the tokens it decides on its own, whatever the stack below it:
 * {@code accepted} are consumed entirely inside the terminal; the rest are rejected, except
 * {@code uncertain} ones that pass a point where the terminal may end, which only the full parse
 * state can decide. Computed once per (terminal, state) by walking the token trie.
 */
public record TerminalMasks(long[] accepted, int[] uncertain) {

    public static TerminalMasks compute(Terminal t, int state, TokenTrie trie, int vocabularySize) {
        long[] accepted = new long[(vocabularySize + 63) >>> 6];
        IntList uncertain = new IntList();
        int nodes = trie.nodeCount();
        int[] nodeStack = new int[Math.max(16, nodes)];
        int[] stateStack = new int[nodeStack.length];
        boolean[] endedStack = new boolean[nodeStack.length];
        int sp = 0;
        nodeStack[sp] = 0;
        stateStack[sp] = state;
        endedStack[sp++] = false;
        while (sp > 0) {
            sp--;
            int node = nodeStack[sp];
            int s = stateStack[sp];
            boolean couldEnd = endedStack[sp];
            for (int e = trie.childStart[node]; e < trie.childStart[node + 1]; e++) {
                int child = trie.childNode[e];
                int next = t.step(s, trie.childByte[e]);
                if (next == Terminal.REJECT) {
                    if (couldEnd) {
                        for (int i = trie.subtreeStart[child]; i < trie.subtreeEnd[child]; i++) {
                            uncertain.add(trie.tokens[i]);
                        }
                    }
                    continue;
                }
                for (int i = trie.subtreeStart[child]; i < trie.subtreeStart[child] + trie.endsAt[child]; i++) {
                    int id = trie.tokens[i];
                    if (t.hasMore(next)) {
                        accepted[id >>> 6] |= 1L << id;
                    } else {
                        uncertain.add(id); // the terminal is finished: what follows decides
                    }
                }
                nodeStack[sp] = child;
                stateStack[sp] = next;
                endedStack[sp++] = couldEnd || t.canEnd(next);
            }
        }
        return new TerminalMasks(accepted, uncertain.toArray());
    }

    /** A growable int array. */
    static final class IntList {
        private int[] values = new int[16];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
