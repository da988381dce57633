package dev.guild.runtime.tokenizer.internal;

import dev.guild.runtime.tokenizer.TokenType;
import java.util.Map;
import java.util.Set;

/**
 * A loaded vocabulary: token texts, scores and types, the lookups llama.cpp builds from them and
 * the special-token settings. Immutable once {@link VocabularyLoader} has built it.
 */
public final class Vocabulary {
    /** No token (llama.cpp {@code LLAMA_TOKEN_NULL}). */
    public static final int NONE = -1;

    public enum Model { BPE, SPM }

    final Model model;
    final PreTokenizer pre;
    final String[] texts;
    final float[] scores;
    final TokenType[] types;
    final Map<String, Integer> tokenToId;
    /** BPE merge ranks keyed by "left right" (llama.cpp keys by the pair; byte-level texts hold no space). */
    final Map<String, Integer> mergeRanks;
    final SpecialIds special;
    final boolean addBos;
    final boolean addEos;
    final boolean addSpacePrefix;
    final boolean ignoreMerges;
    final Set<Integer> eogIds;
    /** CONTROL, USER_DEFINED and UNKNOWN tokens, longest text first (tokenizer_st_partition order). */
    final int[] specialTokensByLength;
    /** Tokens that swallow whitespace on their left / right when matched in the text (llama.cpp LSTRIP/RSTRIP). */
    final boolean[] lstrip;
    final boolean[] rstrip;

    Vocabulary(Model model, PreTokenizer pre, String[] texts, float[] scores, TokenType[] types,
               Map<String, Integer> tokenToId, Map<String, Integer> mergeRanks, SpecialIds special,
               boolean addBos, boolean addEos, boolean addSpacePrefix, boolean ignoreMerges, Set<Integer> eogIds,
               int[] specialTokensByLength, boolean[] lstrip, boolean[] rstrip) {
        this.model = model;
        this.pre = pre;
        this.texts = texts;
        this.scores = scores;
        this.types = types;
        this.tokenToId = tokenToId;
        this.mergeRanks = mergeRanks;
        this.special = special;
        this.addBos = addBos;
        this.addEos = addEos;
        this.addSpacePrefix = addSpacePrefix;
        this.ignoreMerges = ignoreMerges;
        this.eogIds = eogIds;
        this.specialTokensByLength = specialTokensByLength;
        this.lstrip = lstrip;
        this.rstrip = rstrip;
    }

    public int size() {
        return texts.length;
    }

    /** The special token ids read from the metadata or found by text, {@link #NONE} where absent. */
    public record SpecialIds(int bos, int eos, int eot, int eom, int unk, int sep, int pad, int mask,
                             int fimPre, int fimSuf, int fimMid, int fimPad, int fimRep, int fimSep) {
    }
}
