package dev.guild.runtime.tokenizer;

import dev.guild.runtime.tokenizer.internal.PreTokenizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** GGUF tokenizer metadata for vocabularies the tests build themselves. */
final class TestVocabularies {
    static final int BPE_MERGES = 600;
    /** A whole word only reachable without merges: pre-tokenizers with ignore_merges emit it as one token. */
    static final String WHOLE_WORD = "\u0120wunderbar";

    private static BpeTrainer.Result trained;

    private TestVocabularies() {
    }

    static synchronized BpeTrainer.Result trainedBpe() {
        if (trained == null) {
            trained = BpeTrainer.train(TestCorpus.TRAINING, BPE_MERGES, List.of(
                    PreTokenizer.byName("llama3").regexes(), PreTokenizer.byName("gpt-2").regexes(),
                    PreTokenizer.byName("deepseek-v3").regexes()));
        }
        return trained;
    }

    /** A byte-level BPE vocabulary with control and user-defined tokens, for the given pre-tokenizer. */
    static Map<String, Object> bpe(String pre) {
        BpeTrainer.Result result = trainedBpe();
        List<String> tokens = new ArrayList<>(result.tokens());
        List<Integer> types = new ArrayList<>();
        tokens.forEach(t -> types.add(TokenType.NORMAL.code()));
        tokens.add(WHOLE_WORD);
        types.add(TokenType.NORMAL.code());
        int endOfText = tokens.size();
        for (String control : List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>", "<mask>")) {
            tokens.add(control);
            types.add(TokenType.CONTROL.code());
        }
        for (String userDefined : List.of("<tool_call>", "</tool_call>")) {
            tokens.add(userDefined);
            types.add(TokenType.USER_DEFINED.code());
        }
        Map<String, Object> md = new LinkedHashMap<>();
        md.put("tokenizer.ggml.model", "gpt2");
        if (pre != null) {
            md.put("tokenizer.ggml.pre", pre);
        }
        md.put("tokenizer.ggml.tokens", tokens);
        md.put("tokenizer.ggml.token_type", types.stream().mapToInt(Integer::intValue).toArray());
        md.put("tokenizer.ggml.merges", result.merges());
        md.put("tokenizer.ggml.bos_token_id", endOfText);
        md.put("tokenizer.ggml.eos_token_id", endOfText);
        return md;
    }

    /**
     * A SentencePiece vocabulary: unknown/BOS/EOS, 256 byte-fallback tokens, every substring of up
     * to six code points seen at least {@code minCount} times in the escaped training text (so every
     * piece can be built from smaller pieces), scored by log frequency. Code points seen rarely are
     * left out, so emoji and rare characters take the byte fallback.
     */
    static Map<String, Object> spm() {
        String escaped = ("\u2581" + TestCorpus.TRAINING).replace(' ', '\u2581');
        int[] cpts = escaped.codePoints().toArray();
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < cpts.length; i++) {
            for (int len = 1; len <= 6 && i + len <= cpts.length; len++) {
                String piece = new String(cpts, i, len);
                if (piece.indexOf('\n') >= 0 || (len > 1 && piece.indexOf('\u2581', 1) > 0)) {
                    break;
                }
                counts.merge(piece, 1, Integer::sum);
            }
        }
        List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        List<Integer> types = new ArrayList<>(List.of(TokenType.UNKNOWN.code(), TokenType.CONTROL.code(),
                TokenType.CONTROL.code()));
        List<Float> scores = new ArrayList<>(List.of(0f, 0f, 0f));
        for (int b = 0; b < 256; b++) {
            tokens.add(String.format("<0x%02X>", b));
            types.add(TokenType.BYTE.code());
            scores.add(0f);
        }
        TreeMap<String, Integer> kept = new TreeMap<>();
        counts.forEach((piece, count) -> {
            if (count >= 2) {
                kept.put(piece, count);
            }
        });
        int index = 0;
        for (Map.Entry<String, Integer> e : kept.entrySet()) {
            tokens.add(e.getKey());
            types.add(TokenType.NORMAL.code());
            int length = e.getKey().codePointCount(0, e.getKey().length());
            scores.add((float) (Math.log(e.getValue()) + 0.5 * length - 1e-4 * (index++ % 7)) - 20f);
        }
        for (String control : List.of("<|im_start|>", "<|im_end|>")) {
            tokens.add(control);
            types.add(TokenType.CONTROL.code());
            scores.add(0f);
        }
        tokens.add("<tool_call>");
        types.add(TokenType.USER_DEFINED.code());
        scores.add(0f);
        Map<String, Object> md = new LinkedHashMap<>();
        md.put("tokenizer.ggml.model", "llama");
        md.put("tokenizer.ggml.tokens", tokens);
        md.put("tokenizer.ggml.scores", floats(scores));
        md.put("tokenizer.ggml.token_type", types.stream().mapToInt(Integer::intValue).toArray());
        md.put("tokenizer.ggml.bos_token_id", 1);
        md.put("tokenizer.ggml.eos_token_id", 2);
        md.put("tokenizer.ggml.unknown_token_id", 0);
        return md;
    }

    static float[] floats(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    /** Appends one token (score 0) to a vocabulary's tokens, types and, when present, scores. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withToken(Map<String, Object> md, String text, TokenType type) {
        List<String> tokens = new ArrayList<>((List<String>) md.get("tokenizer.ggml.tokens"));
        tokens.add(text);
        md.put("tokenizer.ggml.tokens", tokens);
        int[] types = (int[]) md.get("tokenizer.ggml.token_type");
        int[] moreTypes = java.util.Arrays.copyOf(types, types.length + 1);
        moreTypes[types.length] = type.code();
        md.put("tokenizer.ggml.token_type", moreTypes);
        if (md.get("tokenizer.ggml.scores") instanceof float[] scores) {
            md.put("tokenizer.ggml.scores", java.util.Arrays.copyOf(scores, scores.length + 1));
        }
        return md;
    }
}
