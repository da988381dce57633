package dev.guild.runtime.tokenizer.internal;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Byte-level BPE as llama.cpp's {@code llm_tokenizer_bpe_session}: pre-tokenize with the
 * pre-tokenizer's regexes, map each word's UTF-8 bytes to GPT-2 characters, then merge adjacent
 * symbols by merge rank (lowest first, leftmost on ties) with a priority queue over a linked list,
 * so a word of n bytes costs O(n log n). Results per word are cached.
 */
final class BpeEncoder {
    private static final int CACHE_LIMIT = 1 << 16;
    private static final int CACHEABLE_WORD = 64;

    private final Vocabulary vocab;
    private final WordSplitter splitter;
    private final ConcurrentHashMap<String, int[]> cache = new ConcurrentHashMap<>();

    BpeEncoder(Vocabulary vocab) {
        this.vocab = vocab;
        this.splitter = new WordSplitter(vocab.pre.regexes());
    }

    void encode(String text, IntList out) {
        int[] cpts = text.codePoints().toArray();
        int[] lengths = splitter.split(cpts);
        int start = 0;
        for (int length : lengths) {
            byte[] bytes = Utf8.bytes(new String(cpts, start, length));
            start += length;
            String word = ByteLevel.encode(bytes, 0, bytes.length);
            int[] ids = word.length() <= CACHEABLE_WORD ? cache.get(word) : null;
            if (ids == null) {
                ids = encodeWord(word);
                if (word.length() <= CACHEABLE_WORD) {
                    if (cache.size() >= CACHE_LIMIT) {
                        cache.clear();
                    }
                    cache.put(word, ids);
                }
            }
            out.addAll(ids);
        }
    }

    private int[] encodeWord(String word) {
        int n = word.length();
        if (n == 0) {
            return new int[0];
        }
        IntList out = new IntList(4);
        if (vocab.ignoreMerges) {
            Integer whole = vocab.tokenToId.get(word);
            if (whole != null) {
                out.add(whole);
                return out.toArray();
            }
        }
        int[] starts = new int[n];
        for (int i = 0; i < n; i++) {
            starts[i] = i;
        }
        PairMerger.Symbols symbols = PairMerger.merge(word, starts, n, this::mergeRank);
        for (int i = 0; i != -1; i = symbols.next()[i]) {
            String piece = symbols.text(word, i);
            Integer id = vocab.tokenToId.get(piece);
            if (id != null) {
                out.add(id);
                continue;
            }
            // llama.cpp retries each UTF-8 byte of the piece alone; only ASCII chars can match.
            for (int k = 0; k < piece.length(); k++) {
                char c = piece.charAt(k);
                Integer single = c < 0x80 ? vocab.tokenToId.get(String.valueOf(c)) : null;
                if (single != null) {
                    out.add(single);
                }
            }
        }
        return out.toArray();
    }

    private double mergeRank(String word, int start, int leftLength, int rightLength) {
        String key = word.substring(start, start + leftLength) + " "
                + word.substring(start + leftLength, start + leftLength + rightLength);
        Integer rank = vocab.mergeRanks.get(key);
        return rank == null ? Double.NaN : rank;
    }
}
