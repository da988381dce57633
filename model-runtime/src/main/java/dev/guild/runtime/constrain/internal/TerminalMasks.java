package dev.guild.runtime.constrain.internal;

/**
 * For one terminal in one state, the tokens it decides on its own, whatever the stack below it:
 * {@code accepted} are consumed entirely inside the terminal; the rest are rejected, except those
 * passing a trie node in {@code boundaries}, where the terminal may end after at least one byte:
 * whether the rest of such a token fits depends on what follows the terminal, which the full parse
 * state decides by walking the trie below those nodes. Computed once per (terminal, state).
 */
public record TerminalMasks(long[] accepted, int[] boundaries) {

    public static TerminalMasks compute(Terminal t, int state, TokenTrie trie, int vocabularySize) {
        long[] accepted = new long[(vocabularySize + 63) >>> 6];
        IntList boundaries = new IntList();
        int nodes = trie.nodeCount();
        int[] nodeStack = new int[Math.max(16, nodes)];
        int[] stateStack = new int[nodeStack.length];
        int sp = 0;
        nodeStack[sp] = 0;
        stateStack[sp] = state;
        sp++;
        while (sp > 0) {
            sp--;
            int node = nodeStack[sp];
            int s = stateStack[sp];
            for (int e = trie.childStart[node]; e < trie.childStart[node + 1]; e++) {
                int child = trie.childNode[e];
                int next = t.step(s, trie.childByte[e]);
                if (next == Terminal.REJECT) {
                    continue; // tokens through here are only possible past an earlier boundary
                }
                if (t.hasMore(next)) {
                    for (int i = trie.subtreeStart[child]; i < trie.subtreeStart[child] + trie.endsAt[child]; i++) {
                        int id = trie.tokens[i];
                        accepted[id >>> 6] |= 1L << id;
                    }
                }
                if (t.canEnd(next)) {
                    boundaries.add(child);
                }
                if (t.hasMore(next)) {
                    nodeStack[sp] = child;
                    stateStack[sp] = next;
                    sp++;
                }
            }
        }
        return new TerminalMasks(accepted, boundaries.toArray());
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
