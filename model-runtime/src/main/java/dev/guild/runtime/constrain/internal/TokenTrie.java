package dev.guild.runtime.constrain.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * The vocabulary's byte strings as a trie, flattened: node {@code n}'s children are
 * {@code childStart[n] .. childStart[n+1]} in {@link #childByte}/{@link #childNode}; the tokens of
 * its whole subtree are {@code tokens[subtreeStart[n] .. subtreeEnd[n]]}, those ending exactly at
 * it come first ({@code endsAt[n]} of them). Tokens sharing a prefix are pruned together.
 */
public final class TokenTrie {
    final int[] childStart;
    final int[] childByte;
    final int[] childNode;
    final int[] subtreeStart;
    final int[] subtreeEnd;
    final int[] endsAt;
    final int[] tokens;

    private static final class Node {
        final TreeMap<Integer, Node> children = new TreeMap<>();
        final List<Integer> ids = new ArrayList<>(1);
    }

    /** @param include which token ids take part (others, such as special tokens, are left out) */
    public TokenTrie(List<byte[]> vocabulary, java.util.function.IntPredicate include) {
        Node root = new Node();
        int count = 1;
        for (int id = 0; id < vocabulary.size(); id++) {
            byte[] bytes = vocabulary.get(id);
            if (bytes.length == 0 || !include.test(id)) {
                continue;
            }
            Node n = root;
            for (byte b : bytes) {
                Node child = n.children.get(b & 0xFF);
                if (child == null) {
                    child = new Node();
                    n.children.put(b & 0xFF, child);
                    count++;
                }
                n = child;
            }
            n.ids.add(id);
        }
        childStart = new int[count + 1];
        subtreeStart = new int[count];
        subtreeEnd = new int[count];
        endsAt = new int[count];
        childByte = new int[count - 1];
        childNode = new int[count - 1];
        List<Integer> order = new ArrayList<>();
        // breadth-first numbering keeps each node's children contiguous
        List<Node> nodes = new ArrayList<>(List.of(root));
        int edges = 0;
        for (int i = 0; i < nodes.size(); i++) {
            childStart[i] = edges;
            for (var e : nodes.get(i).children.entrySet()) {
                childByte[edges] = e.getKey();
                childNode[edges] = nodes.size();
                nodes.add(e.getValue());
                edges++;
            }
        }
        childStart[count] = edges;
        fill(0, nodes, order);
        tokens = order.stream().mapToInt(Integer::intValue).toArray();
    }

    private void fill(int start, List<Node> nodes, List<Integer> order) {
        // iterative depth-first pass assigning subtree ranges
        int[] stack = new int[nodes.size()];
        boolean[] done = new boolean[nodes.size()];
        int sp = 0;
        stack[sp++] = start;
        while (sp > 0) {
            int n = stack[sp - 1];
            if (!done[n]) {
                done[n] = true;
                subtreeStart[n] = order.size();
                order.addAll(nodes.get(n).ids);
                endsAt[n] = nodes.get(n).ids.size();
                for (int e = childStart[n + 1] - 1; e >= childStart[n]; e--) {
                    stack[sp++] = childNode[e];
                }
            } else {
                subtreeEnd[n] = order.size();
                sp--;
            }
        }
    }

    /** Sets the bits of the tokens that end exactly at {@code node}. */
    public void markEndingAt(int node, long[] mask) {
        for (int i = subtreeStart[node]; i < subtreeStart[node] + endsAt[node]; i++) {
            int id = tokens[i];
            mask[id >>> 6] |= 1L << id;
        }
    }

    /** An edge of the trie: the byte and the child it leads to. */
    @FunctionalInterface
    public interface EdgeVisitor {
        void visit(int b, int child);
    }

    public void forEachChild(int node, EdgeVisitor visitor) {
        for (int e = childStart[node]; e < childStart[node + 1]; e++) {
            visitor.visit(childByte[e], childNode[e]);
        }
    }

    public int nodeCount() {
        return subtreeStart.length;
    }

    @Override
    public String toString() {
        return "TokenTrie[" + nodeCount() + " nodes, " + tokens.length + " tokens]" + Arrays.hashCode(childByte);
    }
}
