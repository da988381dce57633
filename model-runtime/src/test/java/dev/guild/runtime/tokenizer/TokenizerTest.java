package dev.guild.runtime.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guild.runtime.tokenizer.internal.ByteLevel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Encoding, decoding and special-token behaviour on small hand-made vocabularies. */
class TokenizerTest {
    /** 256 byte tokens (id = byte value), merges he, ll, hell, Ġw, or, Ġwor, then control tokens. */
    static Map<String, Object> tinyBpe() {
        List<String> tokens = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            tokens.add(String.valueOf(ByteLevel.charOf(b)));
        }
        List<String> merges = List.of("h e", "l l", "he ll", "\u0120 w", "o r", "\u0120w or");
        for (String m : merges) {
            tokens.add(m.replace(" ", ""));
        }
        tokens.addAll(List.of("<|endoftext|>", "<|im_end|>", "<tool>"));
        int[] types = new int[tokens.size()];
        java.util.Arrays.fill(types, TokenType.NORMAL.code());
        types[262] = TokenType.CONTROL.code();
        types[263] = TokenType.CONTROL.code();
        types[264] = TokenType.USER_DEFINED.code();
        Map<String, Object> md = new LinkedHashMap<>();
        md.put("tokenizer.ggml.model", "gpt2");
        md.put("tokenizer.ggml.pre", "gpt-2");
        md.put("tokenizer.ggml.tokens", tokens);
        md.put("tokenizer.ggml.token_type", types);
        md.put("tokenizer.ggml.merges", merges);
        md.put("tokenizer.ggml.bos_token_id", 262);
        md.put("tokenizer.ggml.eos_token_id", 262);
        return md;
    }

    /** unk, s, /s, 256 byte tokens, then ▁ h e l o he ll hell ▁hell hello with scores. */
    static Map<String, Object> tinySpm() {
        List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        List<Float> scores = new ArrayList<>(List.of(0f, 0f, 0f));
        List<Integer> types = new ArrayList<>(List.of(2, 3, 3));
        for (int b = 0; b < 256; b++) {
            tokens.add(String.format("<0x%02X>", b));
            scores.add(0f);
            types.add(TokenType.BYTE.code());
        }
        String[] pieces = {"\u2581", "h", "e", "l", "o", "he", "ll", "hell", "\u2581hell", "hello"};
        float[] pieceScores = {-5, -10, -10, -10, -10, -3, -3.5f, -2, -1, -0.5f};
        for (int i = 0; i < pieces.length; i++) {
            tokens.add(pieces[i]);
            scores.add(pieceScores[i]);
            types.add(TokenType.NORMAL.code());
        }
        Map<String, Object> md = new LinkedHashMap<>();
        md.put("tokenizer.ggml.model", "llama");
        md.put("tokenizer.ggml.tokens", tokens);
        md.put("tokenizer.ggml.scores", TestVocabularies.floats(scores));
        md.put("tokenizer.ggml.token_type", types.stream().mapToInt(Integer::intValue).toArray());
        return md;
    }

    @Test
    void bpe_merges_by_rank() {
        Tokenizer t = Tokenizer.fromGgufMetadata(tinyBpe());
        assertThat(t.encode("hello world", false, false)).containsExactly(258, 'o', 261, 'l', 'd');
        assertThat(t.decode(t.encode("hello world", false, false), false)).isEqualTo("hello world");
    }

    @Test
    void bpe_round_trips_any_text_through_bytes() {
        Tokenizer t = Tokenizer.fromGgufMetadata(tinyBpe());
        for (String text : TestCorpus.TEXTS) {
            assertThat(t.decode(t.encode(text, false, false), true)).isEqualTo(text);
        }
    }

    @Test
    void control_tokens_are_parsed_only_with_parse_special_but_user_defined_always() {
        Tokenizer t = Tokenizer.fromGgufMetadata(tinyBpe());
        assertThat(t.encode("he<|im_end|>", false, true)).containsExactly(256, 263);
        assertThat(t.encode("he<|im_end|>", false, false)).hasSizeGreaterThan(2).doesNotContain(263);
        assertThat(t.encode("<tool>he", false, false)).containsExactly(264, 256);
    }

    @Test
    void string_arrays_are_accepted_as_well_as_lists() {
        Map<String, Object> md = tinyBpe();
        @SuppressWarnings("unchecked")
        List<String> tokens = (List<String>) md.get("tokenizer.ggml.tokens");
        md.put("tokenizer.ggml.tokens", tokens.toArray(String[]::new));
        md.put("tokenizer.ggml.merges", ((List<?>) md.get("tokenizer.ggml.merges")).toArray(String[]::new));
        assertThat(Tokenizer.fromGgufMetadata(md).encode("hello world", false, false)).containsExactly(258, 'o', 261, 'l', 'd');
    }

    @Test
    void bos_and_eos_follow_add_bos_and_add_eos_keys() {
        Map<String, Object> md = tinyBpe();
        md.put("tokenizer.ggml.add_bos_token", true);
        md.put("tokenizer.ggml.add_eos_token", true);
        Tokenizer t = Tokenizer.fromGgufMetadata(md);
        assertThat(t.encode("he", true, false)).containsExactly(262, 256, 262);
        assertThat(t.encode("he", false, false)).containsExactly(256);
        assertThat(Tokenizer.fromGgufMetadata(tinyBpe()).encode("he", true, false)).containsExactly(256);
    }

    @Test
    void end_of_generation_covers_eos_and_end_of_turn_texts() {
        Tokenizer t = Tokenizer.fromGgufMetadata(tinyBpe());
        assertThat(t.isEog(262)).isTrue();
        assertThat(t.isEog(263)).isTrue();
        assertThat(t.isEog(264)).isFalse();
        assertThat(t.isEog('a')).isFalse();
        assertThat(t.eotId()).isEqualTo(262);
    }

    @Test
    void special_tokens_render_only_when_asked() {
        Tokenizer t = Tokenizer.fromGgufMetadata(tinyBpe());
        assertThat(t.decode(new int[] {256, 263, 264}, false)).isEqualTo("he<tool>");
        assertThat(t.decode(new int[] {256, 263, 264}, true)).isEqualTo("he<|im_end|><tool>");
    }

    @Test
    void spm_merges_by_score_with_space_prefix() {
        Tokenizer t = Tokenizer.fromGgufMetadata(tinySpm());
        assertThat(t.encode("hello", false, false)).containsExactly(259, 268);
        assertThat(t.encode("hello", true, false)).containsExactly(1, 259, 268);
        assertThat(t.decode(new int[] {259, 268}, false)).isEqualTo(" hello");
    }

    @Test
    void spm_falls_back_to_utf8_byte_tokens() {
        Tokenizer t = Tokenizer.fromGgufMetadata(tinySpm());
        assertThat(t.encode("€", false, false)).containsExactly(259, 3 + 0xE2, 3 + 0x82, 3 + 0xAC);
        assertThat(t.decode(t.encode("€", false, false), false)).isEqualTo(" €");
    }

    @Test
    void spm_without_space_prefix_when_metadata_says_so() {
        Map<String, Object> md = tinySpm();
        md.put("tokenizer.ggml.add_space_prefix", false);
        assertThat(Tokenizer.fromGgufMetadata(md).encode("hello", false, false)).containsExactly(268);
    }

    @Test
    void streaming_decoder_never_splits_a_utf8_sequence() {
        Tokenizer t = Tokenizer.fromGgufMetadata(tinySpm());
        StreamingDecoder stream = t.streamingDecoder(false);
        StringBuilder seen = new StringBuilder();
        for (int id : t.encode("h😀€", false, false)) {
            String chunk = stream.push(id);
            assertThat(chunk).doesNotContain("\uFFFD");
            seen.append(chunk);
        }
        assertThat(seen.append(stream.finish()).toString()).isEqualTo(" h😀€");
    }

    @Test
    void streaming_decoder_flushes_an_incomplete_sequence_as_replacement() {
        Tokenizer t = Tokenizer.fromGgufMetadata(tinySpm());
        StreamingDecoder stream = t.streamingDecoder(false);
        assertThat(stream.push(3 + 0xE2)).isEmpty();
        assertThat(stream.push(3 + 0x82)).isEmpty();
        assertThat(stream.finish()).isEqualTo("\uFFFD");
        assertThat(stream.push('h' + 3)).isEqualTo("h");
    }

    @Test
    void concurrent_encoding_gives_the_sequential_result() throws Exception {
        Tokenizer t = Tokenizer.fromGgufMetadata(TestVocabularies.bpe("llama-bpe"));
        List<String> texts = TestCorpus.random(99, 400, 20);
        List<int[]> sequential = texts.stream().map(x -> t.encode(x, false, true)).toList();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            List<java.util.concurrent.Future<int[]>> futures = new ArrayList<>();
            for (String text : texts) {
                futures.add(pool.submit(() -> t.encode(text, false, true)));
            }
            for (int i = 0; i < texts.size(); i++) {
                assertThat(futures.get(i).get()).as(texts.get(i)).containsExactly(sequential.get(i));
            }
        }
    }

    @Test
    void bpe_normal_token_with_characters_outside_the_byte_map_renders_like_llama_cpp() {
        Map<String, Object> md = TestVocabularies.withToken(tinyBpe(), "中", TokenType.NORMAL);
        Tokenizer t = Tokenizer.fromGgufMetadata(md);
        assertThat(t.decode(new int[] {265}, false)).isEqualTo("[UNK_BYTE_0xe4b8ad中]");
    }

    @Test
    void empty_text_encodes_to_nothing_or_just_bos() {
        Tokenizer t = Tokenizer.fromGgufMetadata(tinySpm());
        assertThat(t.encode("", false, true)).isEmpty();
        assertThat(t.encode("", true, true)).containsExactly(1);
    }
}
