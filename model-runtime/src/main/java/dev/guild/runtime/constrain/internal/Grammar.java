package dev.guild.runtime.constrain.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A context-free grammar over bytes, flattened for the parser: rules are alternatives of sequences;
 * a sequence element is a terminal (code {@code >= 0}) or a rule reference (code {@code -(rule+1)}).
 * Every position in every sequence has a slot number; {@link #element(int)} says what is at a slot
 * ({@link #END} after the last element).
 */
public final class Grammar {
    public static final int END = Integer.MIN_VALUE;

    private final List<Terminal> terminals;
    private final int[][] ruleAlternatives; // rule -> first slot of each alternative
    private final int[] slotElement;
    private final int root;

    private Grammar(List<Terminal> terminals, int[][] ruleAlternatives, int[] slotElement, int root) {
        this.terminals = terminals;
        this.ruleAlternatives = ruleAlternatives;
        this.slotElement = slotElement;
        this.root = root;
    }

    public Terminal terminal(int index) {
        return terminals.get(index);
    }

    public int terminalCount() {
        return terminals.size();
    }

    public int element(int slot) {
        return slotElement[slot];
    }

    /** First slots of the alternatives of {@code rule}. */
    public int[] alternatives(int rule) {
        return ruleAlternatives[rule];
    }

    public int root() {
        return root;
    }

    public int ruleCount() {
        return ruleAlternatives.length;
    }

    /** Builds grammars; rules may be declared before their alternatives are known (for recursion). */
    public static final class Builder {
        private final List<Terminal> terminals = new ArrayList<>();
        private final Map<Terminal, Integer> terminalIndex = new HashMap<>();
        private final List<List<int[]>> rules = new ArrayList<>();

        /** Element code of a terminal (equal terminals share one code). */
        public int terminal(Terminal t) {
            return terminalIndex.computeIfAbsent(t, k -> {
                terminals.add(k);
                return terminals.size() - 1;
            });
        }

        /** A new rule without alternatives yet; returns its element code. */
        public int rule() {
            rules.add(new ArrayList<>());
            return -rules.size();
        }

        /** Adds the alternative {@code elements} (may be empty: epsilon) to the rule with code {@code rule}. */
        public Builder alternative(int rule, int... elements) {
            rules.get(-rule - 1).add(elements.clone());
            return this;
        }

        /** A rule with one alternative. */
        public int sequence(int... elements) {
            if (elements.length == 1) {
                return elements[0];
            }
            int r = rule();
            alternative(r, elements);
            return r;
        }

        /** A rule whose alternatives are the single elements given. */
        public int choice(List<Integer> options) {
            if (options.size() == 1) {
                return options.getFirst();
            }
            int r = rule();
            for (int o : options) {
                alternative(r, o);
            }
            return r;
        }

        public int ruleCount() {
            return rules.size();
        }

        public Grammar build(int rootElement) {
            int root = rootElement < 0 ? rootElement : sequenceRule(rootElement);
            int[][] firstSlots = new int[rules.size()][];
            List<Integer> slots = new ArrayList<>();
            for (int r = 0; r < rules.size(); r++) {
                List<int[]> alts = rules.get(r);
                if (alts.isEmpty()) {
                    throw new IllegalStateException("grammar rule " + r + " has no alternatives");
                }
                firstSlots[r] = new int[alts.size()];
                for (int a = 0; a < alts.size(); a++) {
                    firstSlots[r][a] = slots.size();
                    for (int e : alts.get(a)) {
                        slots.add(e);
                    }
                    slots.add(END);
                }
            }
            return new Grammar(List.copyOf(terminals), firstSlots, slots.stream().mapToInt(Integer::intValue).toArray(),
                    -root - 1);
        }

        private int sequenceRule(int element) {
            int r = rule();
            alternative(r, element);
            return r;
        }
    }
}
