package dev.guild.runtime.constrain;

import dev.guild.runtime.constrain.internal.ParseState;
import dev.guild.runtime.constrain.internal.Parser;
import dev.guild.runtime.constrain.internal.TerminalMasks;
import dev.guild.runtime.constrain.internal.TokenTrie;

import java.util.BitSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A grammar bound to a vocabulary, with the caches that make masks cheap, shared by all sequences
 * that use the grammar (thread-safe). For each terminal state it remembers which tokens that state
 * accepts or rejects whatever the stack ({@link TerminalMasks}, the spirit of XGrammar's adaptive
 * token-mask cache), so a step only checks the few tokens that cross a terminal's end against the
 * full parse state; whole masks are cached per parse state.
 */
public final class TokenMasker {
    /** Memory the per-state mask cache may hold (it is emptied when full). */
    private static final long MASK_CACHE_BYTES = 64L << 20;

    private final Parser parser;
    private final Vocabulary vocabulary;
    private final TokenTrie trie;
    private final int words;
    private final int maxCachedMasks;
    private final long[] endOfGeneration;
    private final ConcurrentHashMap<Long, TerminalMasks> terminalMasks = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ParseState, long[]> stateMasks = new ConcurrentHashMap<>();

    private TokenMasker(JsonGrammar grammar, Vocabulary vocabulary) {
        this.parser = new Parser(grammar.grammar(), grammar.options().maxDepth());
        this.vocabulary = vocabulary;
        this.trie = vocabulary.trie();
        this.words = (vocabulary.size() + 63) >>> 6;
        this.endOfGeneration = toWords(vocabulary.endOfGeneration());
        this.maxCachedMasks = (int) Math.max(64, MASK_CACHE_BYTES / (8L * words));
    }

    public static TokenMasker create(JsonGrammar grammar, Vocabulary vocabulary) {
        return new TokenMasker(grammar, vocabulary);
    }

    /** A matcher for one generated sequence, at the start of the document. */
    public GrammarMatcher newMatcher() {
        return new GrammarMatcher(this, parser.initial());
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public Parser parser() {
        return parser;
    }

    /** The allowed tokens in {@code state} as a bit mask over token ids (shared: do not modify). */
    long[] mask(ParseState state) {
        long[] cached = stateMasks.get(state);
        if (cached != null) {
            return cached;
        }
        long[] mask = new long[words];
        for (ParseState.Leaf leaf : state.leaves()) {
            int terminal = parser.grammar().element(leaf.slot());
            TerminalMasks tm = terminalMasks.computeIfAbsent(((long) terminal << 32) | (leaf.termState() & 0xFFFFFFFFL),
                    k -> TerminalMasks.compute(parser.grammar().terminal(terminal), leaf.termState(), trie,
                            vocabulary.size()));
            long[] accepted = tm.accepted();
            for (int w = 0; w < words; w++) {
                mask[w] |= accepted[w];
            }
            if (tm.boundaries().length > 0) {
                ParseState after = parser.afterEnd(leaf);
                if (!after.dead()) {
                    for (int node : tm.boundaries()) {
                        allowSubtree(node, after, mask);
                    }
                }
            }
        }
        if (state.complete()) {
            for (int w = 0; w < words; w++) {
                mask[w] |= endOfGeneration[w];
            }
        }
        if (stateMasks.size() >= maxCachedMasks) {
            stateMasks.clear();
        }
        stateMasks.put(state, mask);
        return mask;
    }

    /**
     * Marks the tokens ending at trie {@code node} (whose bytes so far were matched, leaving {@code state})
     * and, walking down, every token below it whose remaining bytes {@code state} accepts.
     */
    private void allowSubtree(int node, ParseState state, long[] mask) {
        trie.markEndingAt(node, mask);
        trie.forEachChild(node, (b, child) -> {
            ParseState next = parser.advance(state, b);
            if (!next.dead()) {
                allowSubtree(child, next, mask);
            }
        });
    }

    /** How many distinct terminal states and parse states have cached masks (for metrics and tests). */
    public String cacheSizes() {
        return terminalMasks.size() + " terminal states, " + stateMasks.size() + " parse states";
    }

    private long[] toWords(BitSet bits) {
        long[] w = new long[words];
        long[] src = bits.toLongArray();
        System.arraycopy(src, 0, w, 0, Math.min(src.length, words));
        return w;
    }
}
