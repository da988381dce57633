package dev.guild.runtime.constrain.internal;

import java.util.Arrays;

/**
 * Where the parser may be: a set of leaves (each inside or at the start of a terminal, with the
 * stack of return slots below it), and whether the document may end here. Immutable; equal states
 * have equal masks, so states key the mask cache.
 */
public final class ParseState {
    /** A return point: continue at {@code slot} when the rule above finishes. Immutable and shared. */
    public record Frame(int slot, Frame parent, int depth) {
    }

    /** A terminal in progress: at {@code slot}, in terminal state {@code termState}, returning through {@code parent}. */
    public record Leaf(int slot, int termState, Frame parent) {
    }

    static final ParseState DEAD = new ParseState(new Leaf[0], false);

    private final Leaf[] leaves;
    private final boolean complete;
    private final int hash;

    ParseState(Leaf[] leaves, boolean complete) {
        this.leaves = leaves;
        this.complete = complete;
        this.hash = 31 * Arrays.hashCode(leaves) + Boolean.hashCode(complete);
    }

    public Leaf[] leaves() {
        return leaves;
    }

    /** The input so far is a whole document. */
    public boolean complete() {
        return complete;
    }

    /** No continuation and not complete: the input so far is not a prefix of any document. */
    public boolean dead() {
        return leaves.length == 0 && !complete;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParseState s && s.hash == hash && s.complete == complete && Arrays.equals(s.leaves, leaves);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
