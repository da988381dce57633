package dev.guild.runtime.tokenizer;

import dev.guild.runtime.tokenizer.internal.ByteLevel;
import dev.guild.runtime.tokenizer.internal.WordSplitter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trains a small byte-level BPE vocabulary for the tests: words are cut by pre-tokenizer regexes,
 * mapped to GPT-2 byte characters, and the most frequent adjacent pair is merged repeatedly (ties
 * broken by the pair's text, so training is deterministic).
 */
final class BpeTrainer {
    record Result(List<String> tokens, List<String> merges) {
    }

    private BpeTrainer() {
    }

    /**
     * Trains on the words that the given pre-tokenizer regexes cut the corpus into (several lists
     * may be given, so that the merges suit more than one pre-tokenizer).
     */
    static Result train(String corpus, int merges, List<List<String>> splitters) {
        Map<List<String>, Integer> words = new HashMap<>();
        int[] cpts = corpus.codePoints().toArray();
        List<String> pieces = new ArrayList<>();
        for (List<String> regexes : splitters) {
            int start = 0;
            for (int length : new WordSplitter(regexes).split(cpts)) {
                pieces.add(new String(cpts, start, length));
                start += length;
            }
        }
        for (String word : pieces) {
            byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
            if (bytes.length == 0) {
                continue;
            }
            List<String> symbols = new ArrayList<>();
            for (byte b : bytes) {
                symbols.add(String.valueOf(ByteLevel.charOf(b)));
            }
            words.merge(symbols, 1, Integer::sum);
        }
        List<String> tokens = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            tokens.add(String.valueOf(ByteLevel.charOf(b)));
        }
        List<String> mergeList = new ArrayList<>();
        for (int m = 0; m < merges; m++) {
            TreeMap<String, Integer> pairs = new TreeMap<>();
            for (Map.Entry<List<String>, Integer> e : words.entrySet()) {
                List<String> s = e.getKey();
                for (int i = 0; i + 1 < s.size(); i++) {
                    pairs.merge(s.get(i) + " " + s.get(i + 1), e.getValue(), Integer::sum);
                }
            }
            String best = null;
            int bestCount = 0;
            for (Map.Entry<String, Integer> e : pairs.entrySet()) {
                if (e.getValue() > bestCount) {
                    best = e.getKey();
                    bestCount = e.getValue();
                }
            }
            if (best == null) {
                break;
            }
            String[] parts = best.split(" ", 2);
            mergeList.add(best);
            tokens.add(parts[0] + parts[1]);
            Map<List<String>, Integer> merged = new HashMap<>();
            for (Map.Entry<List<String>, Integer> e : words.entrySet()) {
                merged.merge(apply(e.getKey(), parts[0], parts[1]), e.getValue(), Integer::sum);
            }
            words = merged;
        }
        return new Result(tokens, mergeList);
    }

    private static List<String> apply(List<String> symbols, String left, String right) {
        List<String> out = new ArrayList<>(symbols.size());
        for (int i = 0; i < symbols.size(); i++) {
            if (i + 1 < symbols.size() && symbols.get(i).equals(left) && symbols.get(i + 1).equals(right)) {
                out.add(left + right);
                i++;
            } else {
                out.add(symbols.get(i));
            }
        }
        return out;
    }
}
