package dev.guild.runtime.tokenizer.internal;

import dev.guild.runtime.tokenizer.TokenType;
import dev.guild.runtime.tokenizer.TokenizerException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@link Vocabulary} from GGUF metadata following llama.cpp b4916's
 * {@code llama_vocab::impl::load}: defaults per tokenizer model, pre-tokenizer settings, special ids
 * from the metadata, end-of-generation tokens found by their text.
 */
public final class VocabularyLoader {
    public static final List<String> SUPPORTED_MODELS = List.of("gpt2", "llama");

    private static final String PREFIX = "tokenizer.ggml.";
    private static final List<String> EOT_TEXTS = List.of(
            "<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>", "<|endoftext|>", "<EOT>", "<｜end▁of▁sentence｜>");
    private static final List<String> EOG_TEXTS = List.of(
            "<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>", "<|endoftext|>", "<|eom_id|>", "<EOT>");
    private static final List<String> FIM_PRE_TEXTS = List.of("<|fim_prefix|>", "<fim-prefix>", "<｜fim▁begin｜>", "<PRE>");
    private static final List<String> FIM_SUF_TEXTS = List.of("<|fim_suffix|>", "<fim-suffix>", "<｜fim▁hole｜>", "<SUF>");
    private static final List<String> FIM_MID_TEXTS = List.of("<|fim_middle|>", "<fim-middle>", "<｜fim▁end｜>", "<MID>");
    private static final List<String> FIM_PAD_TEXTS = List.of("<|fim_pad|>", "<fim-pad>", "<PAD>");
    private static final List<String> FIM_REP_TEXTS = List.of("<|fim_repo|>", "<|repo_name|>", "<fim-repo>", "<REPO>");
    private static final List<String> FIM_SEP_TEXTS = List.of("<|file_sep|>");

    private VocabularyLoader() {
    }

    public static Vocabulary load(Map<String, Object> metadata) {
        MetadataReader md = new MetadataReader(metadata);
        String modelName = md.requiredString(PREFIX + "model");
        Vocabulary.Model model = switch (modelName) {
            case "gpt2" -> Vocabulary.Model.BPE;
            case "llama" -> Vocabulary.Model.SPM;
            default -> throw new TokenizerException("tokenizer.ggml.model '" + modelName + "' is not supported; supported: "
                    + SUPPORTED_MODELS + " (gpt2 = byte-level BPE, llama = SentencePiece)");
        };
        List<String> tokens = md.strings(PREFIX + "tokens");
        if (tokens == null || tokens.isEmpty()) {
            throw new TokenizerException("tokenizer.ggml.tokens is " + (tokens == null ? "missing" : "empty")
                    + "; a " + modelName + " tokenizer needs its vocabulary in the GGUF metadata");
        }
        int n = tokens.size();
        float[] scores = md.floats(PREFIX + "scores");
        int[] typeCodes = md.ints(PREFIX + "token_type");
        requireLength("scores", scores == null ? -1 : scores.length, n);
        requireLength("token_type", typeCodes == null ? -1 : typeCodes.length, n);

        String[] texts = new String[n];
        TokenType[] types = new TokenType[n];
        Map<String, Integer> tokenToId = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            String text = tokens.get(i);
            texts[i] = text.isEmpty() ? "[EMPTY_" + i + "]" : text;
            Integer previous = tokenToId.put(texts[i], i);
            if (previous != null) {
                throw new TokenizerException("tokenizer.ggml.tokens has '" + texts[i] + "' twice, at ids " + previous
                        + " and " + i + "; every token text must be unique (llama.cpp aborts on such a file)");
            }
            // llama.cpp leaves tokens without a type UNDEFINED and then renders them as nothing;
            // reading them as NORMAL keeps such (malformed) vocabularies usable.
            types[i] = typeCodes == null ? TokenType.NORMAL : TokenType.ofCode(typeCodes[i]);
        }
        float[] tokenScores = scores == null ? new float[n] : scores.clone();

        PreTokenizer pre = PreTokenizer.DEFAULT;
        Map<String, Integer> ranks = Map.of();
        int bos;
        int eos;
        int unk;
        boolean addBos;
        boolean addSpacePrefix;
        boolean ignoreMerges = false;
        if (model == Vocabulary.Model.BPE) {
            ranks = mergeRanks(md.strings(PREFIX + "merges"));
            bos = 11;
            eos = 11;
            unk = Vocabulary.NONE;
            String preName = md.string(PREFIX + "pre", "");
            if (!preName.isEmpty()) {
                pre = PreTokenizer.byName(preName);
                if (pre == null) {
                    throw new TokenizerException("tokenizer.ggml.pre '" + preName + "' is not supported; supported: "
                            + PreTokenizer.supportedNames() + " (or leave the key out for 'default')");
                }
            }
            ignoreMerges = PreTokenizer.ignoresMerges(preName);
            addBos = PreTokenizer.addsBos(preName);
            if (preName.equals("chatglm-bpe")) {
                bos = Vocabulary.NONE;
            }
            addSpacePrefix = false;
        } else {
            bos = 1;
            eos = 2;
            unk = 0;
            addBos = true;
            addSpacePrefix = true;
        }
        Boolean prefixKey = md.bool(PREFIX + "add_space_prefix");
        if (prefixKey != null) {
            addSpacePrefix = prefixKey;
        }
        int[] ids = {bos, eos, Vocabulary.NONE, Vocabulary.NONE, unk, Vocabulary.NONE, Vocabulary.NONE, Vocabulary.NONE,
                Vocabulary.NONE, Vocabulary.NONE, Vocabulary.NONE, Vocabulary.NONE, Vocabulary.NONE, Vocabulary.NONE};
        String[] idKeys = {"bos", "eos", "eot", "eom", "unknown", "seperator", "padding", "mask",
                "fim_pre", "fim_suf", "fim_mid", "fim_pad", "fim_rep", "fim_sep"};
        for (int k = 0; k < idKeys.length; k++) {
            Long id = md.tokenId(PREFIX + idKeys[k] + "_token_id");
            if (id != null && id >= 0 && id < n) {
                ids[k] = (int) (long) id;
            }
        }
        Boolean bosKey = md.bool(PREFIX + "add_bos_token");
        boolean addBosFinal = bosKey != null ? bosKey : addBos;
        Boolean eosKey = md.bool(PREFIX + "add_eos_token");
        boolean addEos = eosKey != null ? eosKey : false;

        detectByText(texts, types, ids, 2, EOT_TEXTS);
        detectByText(texts, types, ids, 3, List.of("<|eom_id|>"));
        detectByText(texts, types, ids, 8, FIM_PRE_TEXTS);
        detectByText(texts, types, ids, 9, FIM_SUF_TEXTS);
        detectByText(texts, types, ids, 10, FIM_MID_TEXTS);
        detectByText(texts, types, ids, 11, FIM_PAD_TEXTS);
        detectByText(texts, types, ids, 12, FIM_REP_TEXTS);
        detectByText(texts, types, ids, 13, FIM_SEP_TEXTS);
        Vocabulary.SpecialIds special = new Vocabulary.SpecialIds(ids[0], ids[1], ids[2], ids[3], ids[4], ids[5],
                ids[6], ids[7], ids[8], ids[9], ids[10], ids[11], ids[12], ids[13]);
        if (addBosFinal && special.bos() == Vocabulary.NONE) {
            throw new TokenizerException("tokenizer.ggml.add_bos_token is true but the vocabulary has no BOS token; "
                    + "set tokenizer.ggml.bos_token_id or add_bos_token=false");
        }
        if (addEos && special.eos() == Vocabulary.NONE) {
            throw new TokenizerException("tokenizer.ggml.add_eos_token is true but the vocabulary has no EOS token; "
                    + "set tokenizer.ggml.eos_token_id or add_eos_token=false");
        }
        Set<Integer> eog = eogIds(texts, types, special);
        int[] specials = specialTokensByLength(texts, types);
        boolean[] lstrip = new boolean[n];
        boolean[] rstrip = new boolean[n];
        stripAttributes(md, tokenToId, specials, lstrip, rstrip);
        return new Vocabulary(model, pre, texts, tokenScores, types, tokenToId, ranks, special, addBosFinal, addEos,
                addSpacePrefix, ignoreMerges, eog, specials, lstrip, rstrip);
    }

    /** llama.cpp's per-model whitespace stripping around special tokens, chosen by pre-tokenizer or model name. */
    private static void stripAttributes(MetadataReader md, Map<String, Integer> tokenToId, int[] specials,
                                        boolean[] lstrip, boolean[] rstrip) {
        String pre = md.string(PREFIX + "pre", "");
        String name = md.string("general.name", "").toLowerCase(java.util.Locale.ROOT);
        if (pre.equals("jina-v2-de") || pre.equals("jina-v2-es") || pre.equals("jina-v2-code")) {
            Integer mask = tokenToId.get("<mask>");
            if (mask == null) {
                throw new TokenizerException("tokenizer.ggml.pre '" + pre + "' needs a '<mask>' token in "
                        + "tokenizer.ggml.tokens (llama.cpp refuses such a vocabulary too); add the token or use pre 'gpt-2'");
            }
            lstrip[mask] = true;
        } else if (name.contains("phi-3") || name.contains("phi3")) {
            for (int id : specials) {
                rstrip[id] = true;
            }
            setRequired(tokenToId, "</s>", rstrip, true, name);
            for (String text : List.of("<unk>", "<s>", "<|endoftext|>")) {
                setRequired(tokenToId, text, rstrip, false, name);
            }
        }
    }

    private static void setRequired(Map<String, Integer> tokenToId, String text, boolean[] attribute, boolean value,
                                    String modelName) {
        Integer id = tokenToId.get(text);
        if (id == null) {
            throw new TokenizerException("general.name '" + modelName + "' selects llama.cpp's Phi-3 token rules, which "
                    + "need the token '" + text + "' in tokenizer.ggml.tokens (llama.cpp refuses the file too); add the "
                    + "token or rename the model");
        }
        attribute[id] = value;
    }

    private static void requireLength(String key, int length, int tokens) {
        if (length >= 0 && length != tokens) {
            throw new TokenizerException("tokenizer.ggml." + key + " has " + length + " entries but tokenizer.ggml.tokens has "
                    + tokens + "; the arrays must have one entry per token");
        }
    }

    private static Map<String, Integer> mergeRanks(List<String> merges) {
        if (merges == null) {
            throw new TokenizerException("tokenizer.ggml.merges is missing; a gpt2 (byte-level BPE) tokenizer needs its "
                    + "merge list in the GGUF metadata");
        }
        Map<String, Integer> ranks = new HashMap<>(merges.size() * 2);
        for (int i = 0; i < merges.size(); i++) {
            String merge = merges.get(i);
            int space = merge.indexOf(' ', 1);
            if (space > 0) {
                ranks.putIfAbsent(merge.substring(0, space) + " " + merge.substring(space + 1), i);
            }
        }
        return ranks;
    }

    /**
     * Sets ids[slot] to the lowest-id token whose text is listed, when not set yet, and marks it
     * CONTROL. llama.cpp takes the first match in its hash map's order instead, which only differs
     * when a vocabulary holds several of the texts.
     */
    private static void detectByText(String[] texts, TokenType[] types, int[] ids, int slot, List<String> candidates) {
        if (ids[slot] != Vocabulary.NONE) {
            return;
        }
        for (int i = 0; i < texts.length; i++) {
            if (candidates.contains(texts[i])) {
                ids[slot] = i;
                types[i] = TokenType.CONTROL;
                return;
            }
        }
    }

    private static Set<Integer> eogIds(String[] texts, TokenType[] types, Vocabulary.SpecialIds special) {
        Set<Integer> eog = new LinkedHashSet<>();
        for (int id : new int[] {special.fimPad(), special.fimRep(), special.fimSep()}) {
            if (id != Vocabulary.NONE) {
                eog.add(id);
            }
        }
        for (int i = 0; i < texts.length; i++) {
            if (EOG_TEXTS.contains(texts[i])) {
                eog.add(i);
                types[i] = TokenType.CONTROL;
            }
        }
        for (int id : new int[] {special.eos(), special.eot(), special.eom()}) {
            if (id != Vocabulary.NONE) {
                eog.add(id);
            }
        }
        return Set.copyOf(eog);
    }

    private static int[] specialTokensByLength(String[] texts, TokenType[] types) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            if (types[i] == TokenType.CONTROL || types[i] == TokenType.USER_DEFINED || types[i] == TokenType.UNKNOWN) {
                ids.add(i);
            }
        }
        ids.sort(Comparator.comparingInt((Integer id) -> -Utf8.length(texts[id])));
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }
}
