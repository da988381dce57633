package dev.guild.runtime.model.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small byte-level BPE vocabulary ({@code tokenizer.ggml.model = gpt2}, pre-tokenizer
 * {@code gpt-2}) for generated models: two control tokens (BOS, EOS), every printable ASCII byte
 * and newline in GPT-2's byte-to-unicode spelling, then merges learned greedily from a fixed
 * English/code corpus until the vocabulary has the requested size. Every token decodes to a
 * distinct ASCII string, so a stream of decoded pieces maps back to token ids.
 */
public final class TinyVocabulary {

    public static final int BOS = 0;
    public static final int EOS = 1;

    private static final String CORPUS = """
            The quick brown fox jumps over the lazy dog. The dog sleeps in the sun while the fox runs
            into the forest. A model reads the prompt, thinks about the question and writes an answer.
            public static int add(int a, int b) { return a + b; } for (int i = 0; i < n; i++) sum += i;
            Agents plan their work, call tools, wait for approval and report the result to the user.
            She sells sea shells on the sea shore; the shells she sells are sea shells for sure.
            """;

    private final List<String> tokens;
    private final List<String> merges;

    private TinyVocabulary(List<String> tokens, List<String> merges) {
        this.tokens = List.copyOf(tokens);
        this.merges = List.copyOf(merges);
    }

    /** Builds a vocabulary of at most {@code size} tokens (at least the 98 base tokens). */
    public static TinyVocabulary of(int size) {
        List<String> tokens = new ArrayList<>(List.of("<|bos|>", "<|eos|>"));
        for (int b = 0x20; b < 0x7F; b++) {
            tokens.add(byteToUnicode(b));
        }
        tokens.add(byteToUnicode('\n'));
        List<List<String>> words = new ArrayList<>();
        for (String w : CORPUS.replace("\n", " ").split("(?= )")) {
            List<String> symbols = new ArrayList<>();
            for (char ch : w.toCharArray()) {
                symbols.add(byteToUnicode(ch));
            }
            words.add(symbols);
        }
        List<String> merges = new ArrayList<>();
        while (tokens.size() < size) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (List<String> w : words) {
                for (int i = 0; i + 1 < w.size(); i++) {
                    counts.merge(w.get(i) + " " + w.get(i + 1), 1, Integer::sum);
                }
            }
            String best = null;
            for (var e : counts.entrySet()) {
                if (best == null || e.getValue() > counts.get(best)) {
                    best = e.getKey();
                }
            }
            if (best == null) {
                break;
            }
            String[] pair = best.split(" ");
            String merged = pair[0] + pair[1];
            merges.add(best);
            if (!tokens.contains(merged)) {
                tokens.add(merged);
            }
            for (List<String> w : words) {
                for (int i = 0; i + 1 < w.size(); i++) {
                    if (w.get(i).equals(pair[0]) && w.get(i + 1).equals(pair[1])) {
                        w.set(i, merged);
                        w.remove(i + 1);
                    }
                }
            }
        }
        return new TinyVocabulary(tokens, merges);
    }

    /**
     * Like {@link #of(int)}, then filled up to exactly {@code size} tokens with filler tokens
     * {@code [padN]} that no merge produces: a vocabulary as large as a real model's (so that the
     * output projection has a realistic size) for benchmarks.
     */
    public static TinyVocabulary padded(int size) {
        TinyVocabulary base = of(size);
        List<String> tokens = new ArrayList<>(base.tokens);
        for (int i = 0; tokens.size() < size; i++) {
            tokens.add("[pad" + i + "]");
        }
        return new TinyVocabulary(tokens, base.merges);
    }

    private static String byteToUnicode(int b) {
        return b == ' ' ? "\u0120" : b == '\n' ? "\u010A" : String.valueOf((char) b);
    }

    public int size() {
        return tokens.size();
    }

    public List<String> tokens() {
        return tokens;
    }

    public List<String> merges() {
        return merges;
    }

    /** GGUF token types: 3 (control) for BOS/EOS, 1 (normal) for the rest. */
    public int[] tokenTypes() {
        int[] types = new int[tokens.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = i <= EOS ? 3 : 1;
        }
        return types;
    }

    /** The text a token stands for. */
    public String decode(int id) {
        return tokens.get(id).replace('\u0120', ' ').replace('\u010A', '\n');
    }

    /** Maps each normal token's decoded text to its id. */
    public Map<String, Integer> idsByText() {
        Map<String, Integer> map = new HashMap<>();
        for (int i = EOS + 1; i < tokens.size(); i++) {
            map.put(decode(i), i);
        }
        return map;
    }

    /** The tokenizer metadata entries, in GGUF key order. */
    public Map<String, Object> metadata() {
        Map<String, Object> md = new LinkedHashMap<>();
        md.put("tokenizer.ggml.model", "gpt2");
        md.put("tokenizer.ggml.pre", "gpt-2");
        md.put("tokenizer.ggml.tokens", tokens.toArray(String[]::new));
        md.put("tokenizer.ggml.token_type", tokenTypes());
        md.put("tokenizer.ggml.merges", merges.toArray(String[]::new));
        md.put("tokenizer.ggml.bos_token_id", BOS);
        md.put("tokenizer.ggml.eos_token_id", EOS);
        md.put("tokenizer.ggml.add_bos_token", Boolean.TRUE);
        return md;
    }
}
