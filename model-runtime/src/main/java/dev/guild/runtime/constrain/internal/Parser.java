package dev.guild.runtime.constrain.internal;

import java.util.LinkedHashSet;

/**
 * Runs a {@link Grammar} over bytes as a nondeterministic pushdown automaton whose configurations
 * are {@link ParseState}s. Tail calls do not push frames, so long property lists and arrays keep
 * stacks shallow; stacks deeper than {@code maxDepth} are cut (bounding recursive schemas).
 */
public final class Parser {
    private final Grammar grammar;
    private final int maxDepth;
    private final ParseState initial;

    public Parser(Grammar grammar, int maxDepth) {
        this.grammar = grammar;
        this.maxDepth = maxDepth;
        Closure c = new Closure();
        for (int first : grammar.alternatives(grammar.root())) {
            expand(first, null, c);
        }
        this.initial = c.state();
    }

    public Grammar grammar() {
        return grammar;
    }

    public ParseState initial() {
        return initial;
    }

    /** The state after {@code b}; {@link ParseState#dead()} when {@code b} cannot come next. */
    public ParseState advance(ParseState state, int b) {
        Closure c = new Closure();
        for (ParseState.Leaf leaf : state.leaves()) {
            step(leaf, b, c);
        }
        return c.state();
    }

    /** The state after all of {@code bytes}, stopping early when dead. */
    public ParseState advance(ParseState state, byte[] bytes) {
        ParseState s = state;
        for (int i = 0; i < bytes.length && !s.dead(); i++) {
            s = advance(s, bytes[i] & 0xFF);
        }
        return s;
    }

    /** The state right after {@code leaf}'s terminal ends (its continuation in the grammar). */
    public ParseState afterEnd(ParseState.Leaf leaf) {
        Closure c = new Closure();
        expand(leaf.slot() + 1, leaf.parent(), c);
        return c.state();
    }

    /** The state after {@code bytes} starting from the one {@code leaf}. */
    public ParseState advance(ParseState.Leaf leaf, byte[] bytes) {
        if (bytes.length == 0) {
            return ParseState.DEAD;
        }
        Closure c = new Closure();
        step(leaf, bytes[0] & 0xFF, c);
        ParseState s = c.state();
        for (int i = 1; i < bytes.length && !s.dead(); i++) {
            s = advance(s, bytes[i] & 0xFF);
        }
        return s;
    }

    private void step(ParseState.Leaf leaf, int b, Closure c) {
        Terminal t = grammar.terminal(grammar.element(leaf.slot()));
        int next = t.step(leaf.termState(), b);
        if (next == Terminal.REJECT) {
            return;
        }
        if (t.hasMore(next)) {
            c.leaves.add(new ParseState.Leaf(leaf.slot(), next, leaf.parent()));
        }
        if (t.canEnd(next)) {
            expand(leaf.slot() + 1, leaf.parent(), c);
        }
    }

    /** Adds every leaf reachable from {@code slot} without consuming input. */
    private void expand(int slot, ParseState.Frame parent, Closure c) {
        int element = grammar.element(slot);
        if (element == Grammar.END) {
            if (parent == null) {
                c.complete = true;
            } else {
                expand(parent.slot(), parent.parent(), c);
            }
            return;
        }
        if (element >= 0) {
            Terminal t = grammar.terminal(element);
            int start = t.initial();
            if (t.hasMore(start)) {
                c.leaves.add(new ParseState.Leaf(slot, start, parent));
            }
            if (t.canEnd(start)) {
                expand(slot + 1, parent, c);
            }
            return;
        }
        ParseState.Frame returnTo = parent;
        if (grammar.element(slot + 1) != Grammar.END) {
            int depth = parent == null ? 1 : parent.depth() + 1;
            if (depth > maxDepth) {
                return;
            }
            returnTo = new ParseState.Frame(slot + 1, parent, depth);
        }
        if (!c.entered.add(new Entry(element, returnTo))) {
            return; // the same rule with the same continuation is already being expanded (epsilon cycle)
        }
        for (int first : grammar.alternatives(-element - 1)) {
            expand(first, returnTo, c);
        }
    }

    private record Entry(int rule, ParseState.Frame returnTo) {
    }

    private static final class Closure {
        final LinkedHashSet<ParseState.Leaf> leaves = new LinkedHashSet<>();
        final java.util.HashSet<Entry> entered = new java.util.HashSet<>();
        boolean complete;

        ParseState state() {
            return leaves.isEmpty() && !complete ? ParseState.DEAD
                    : new ParseState(leaves.toArray(ParseState.Leaf[]::new), complete);
        }
    }
}
