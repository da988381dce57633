package dev.guild.runtime.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Malformed metadata and hostile inputs give precise errors, never crashes. */
class TokenizerBadInputTest {
    @Test
    void decode_rejects_ids_outside_the_vocabulary_with_the_id_and_range() {
        Tokenizer t = Tokenizer.fromGgufMetadata(TokenizerTest.tinyBpe());
        assertThatThrownBy(() -> t.decode(new int[] {5, 265}, false))
                .isInstanceOf(TokenizerException.class).hasMessageContaining("265").hasMessageContaining("[0, 265)");
        assertThatThrownBy(() -> t.tokenToPiece(-1, true)).hasMessageContaining("-1");
        assertThatThrownBy(() -> t.streamingDecoder(true).push(1_000_000)).hasMessageContaining("1000000");
    }

    @Test
    void invalid_utf8_bytes_become_replacement_characters() {
        Tokenizer t = Tokenizer.fromGgufMetadata(TokenizerTest.tinyBpe());
        byte[] bad = {'h', 'e', (byte) 0xFF, (byte) 0xC3, '(', (byte) 0xE2, (byte) 0x82};
        int[] ids = t.encode(bad, false, false);
        assertThat(t.decode(ids, false)).isEqualTo("he\uFFFD\uFFFD(\uFFFD\uFFFD");
    }

    @Test
    void lone_surrogates_in_a_string_encode_as_question_marks() {
        Tokenizer t = Tokenizer.fromGgufMetadata(TokenizerTest.tinyBpe());
        assertThat(t.decode(t.encode("a\uD800b", false, false), false)).isEqualTo("a?b");
    }

    @Test
    void null_text_is_rejected() {
        Tokenizer t = Tokenizer.fromGgufMetadata(TokenizerTest.tinyBpe());
        assertThatThrownBy(() -> t.encode((String) null, false, false)).hasMessageContaining("null");
    }

    @Test
    void empty_vocabulary_is_rejected() {
        Map<String, Object> md = TokenizerTest.tinyBpe();
        md.put("tokenizer.ggml.tokens", List.of());
        assertThatThrownBy(() -> Tokenizer.fromGgufMetadata(md)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("tokenizer.ggml.tokens is empty");
        md.remove("tokenizer.ggml.tokens");
        assertThatThrownBy(() -> Tokenizer.fromGgufMetadata(md)).hasMessageContaining("tokenizer.ggml.tokens is missing");
    }

    @Test
    void duplicate_token_texts_are_rejected_with_both_ids() {
        Map<String, Object> md = TestVocabularies.withToken(TokenizerTest.tinyBpe(), "<tool>", TokenType.NORMAL);
        assertThatThrownBy(() -> Tokenizer.fromGgufMetadata(md)).hasMessageContaining("'<tool>' twice, at ids 264 and 265");
    }

    @Test
    void missing_merges_are_rejected_for_bpe() {
        Map<String, Object> md = TokenizerTest.tinyBpe();
        md.remove("tokenizer.ggml.merges");
        assertThatThrownBy(() -> Tokenizer.fromGgufMetadata(md)).hasMessageContaining("tokenizer.ggml.merges is missing");
    }

    @Test
    void unknown_model_lists_the_supported_ones() {
        Map<String, Object> md = TokenizerTest.tinyBpe();
        md.put("tokenizer.ggml.model", "bert");
        assertThatThrownBy(() -> Tokenizer.fromGgufMetadata(md)).hasMessageContaining("'bert'")
                .hasMessageContaining("[gpt2, llama]");
        md.remove("tokenizer.ggml.model");
        assertThatThrownBy(() -> Tokenizer.fromGgufMetadata(md)).hasMessageContaining("tokenizer.ggml.model");
    }

    @Test
    void unknown_pre_tokenizer_lists_the_supported_ones() {
        Map<String, Object> md = TokenizerTest.tinyBpe();
        md.put("tokenizer.ggml.pre", "llama4");
        assertThatThrownBy(() -> Tokenizer.fromGgufMetadata(md)).hasMessageContaining("'llama4'")
                .hasMessageContaining("qwen2").hasMessageContaining("deepseek-v3").hasMessageContaining("refact");
    }

    @Test
    void arrays_of_the_wrong_length_or_type_are_rejected() {
        Map<String, Object> md = TokenizerTest.tinyBpe();
        md.put("tokenizer.ggml.token_type", new int[] {1, 1});
        assertThatThrownBy(() -> Tokenizer.fromGgufMetadata(md)).hasMessageContaining("token_type has 2 entries")
                .hasMessageContaining("265");
        Map<String, Object> md2 = TokenizerTest.tinyBpe();
        md2.put("tokenizer.ggml.tokens", "not a list");
        assertThatThrownBy(() -> Tokenizer.fromGgufMetadata(md2)).hasMessageContaining("expected an array of strings");
        assertThatThrownBy(() -> Tokenizer.fromGgufMetadata(null)).hasMessageContaining("null");
    }

    @Test
    void add_bos_without_a_bos_token_is_rejected() {
        Map<String, Object> md = TokenizerTest.tinyBpe();
        md.put("tokenizer.ggml.pre", "chatglm-bpe");
        md.remove("tokenizer.ggml.bos_token_id");
        md.put("tokenizer.ggml.add_bos_token", true);
        assertThatThrownBy(() -> Tokenizer.fromGgufMetadata(md)).hasMessageContaining("add_bos_token is true");
    }

    @Test
    void model_rules_that_need_missing_tokens_are_rejected_like_llama_cpp() {
        Map<String, Object> phi3 = TokenizerTest.tinySpm();
        phi3.put("general.name", "Phi-3-mini");
        assertThatThrownBy(() -> Tokenizer.fromGgufMetadata(phi3)).hasMessageContaining("'<|endoftext|>'")
                .hasMessageContaining("phi-3-mini");
        Map<String, Object> jina = TokenizerTest.tinyBpe();
        jina.put("tokenizer.ggml.pre", "jina-v2-code");
        assertThatThrownBy(() -> Tokenizer.fromGgufMetadata(jina)).hasMessageContaining("'<mask>'");
    }

    @Test
    void out_of_range_special_ids_keep_the_default_like_llama_cpp() {
        Map<String, Object> md = TokenizerTest.tinyBpe();
        md.put("tokenizer.ggml.eos_token_id", 4_000_000_000L);
        assertThat(Tokenizer.fromGgufMetadata(md).eosId()).isEqualTo(11);
    }

    @Test
    void long_whitespace_and_long_words_encode_and_round_trip() {
        Tokenizer t = Tokenizer.fromGgufMetadata(TokenizerTest.tinyBpe());
        String text = " ".repeat(50_000) + "x" + "hellohello".repeat(5_000);
        assertThat(t.decode(t.encode(text, false, false), false)).isEqualTo(text);
        Tokenizer spm = Tokenizer.fromGgufMetadata(TokenizerTest.tinySpm());
        assertThat(spm.decode(spm.encode(text, false, false), false)).isEqualTo(" " + text);
        assertThat(new String(spm.tokenToPiece(1, true), StandardCharsets.UTF_8)).isEqualTo("<s>");
    }

    @Test
    void long_runs_of_one_character_class_encode_with_every_pre_tokenizer() {
        String runs = "A".repeat(4_000) + "b".repeat(4_000) + "中".repeat(4_000) + " ".repeat(4_000)
                + "7".repeat(4_000) + "😀".repeat(1_000) + "\n".repeat(4_000) + "!".repeat(4_000);
        for (String pre : dev.guild.runtime.tokenizer.internal.PreTokenizer.supportedNames()) {
            Map<String, Object> md = TestVocabularies.withToken(TokenizerTest.tinyBpe(), "<mask>", TokenType.CONTROL);
            md.put("tokenizer.ggml.pre", pre);
            Tokenizer t = Tokenizer.fromGgufMetadata(md);
            assertThat(t.decode(t.encode(runs, false, true), false)).as(pre).isEqualTo(runs);
        }
    }
}
