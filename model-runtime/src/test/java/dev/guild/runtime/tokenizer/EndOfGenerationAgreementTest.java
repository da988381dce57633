package dev.guild.runtime.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Tokenizer#isEog} agrees with llama.cpp: a model that always predicts one token generates
 * nothing in llama.cpp exactly when that token ends generation. The candidates are USER_DEFINED
 * tokens, which llama.cpp renders as their text unless it makes them CONTROL because their text
 * marks an end of turn or a FIM pad/repo/separator.
 */
class EndOfGenerationAgreementTest {
    /** Added to the test vocabulary, which already has CONTROL {@code <|endoftext|> <|im_start|> <|im_end|>}. */
    private static final List<String> CANDIDATES = List.of("<|eot_id|>", "<|end|>", "<end_of_turn>",
            "<|eom_id|>", "<EOT>", "_<EOT>", "<|fim_pad|>", "<|repo_name|>", "<|file_sep|>",
            "<|assistant|>", "stopword");

    @TempDir
    static Path dir;
    private static Map<String, Object> metadata;
    private static Tokenizer tokenizer;

    @BeforeAll
    static void vocabulary() {
        metadata = TestVocabularies.bpe("qwen2");
        for (String text : CANDIDATES) {
            TestVocabularies.withToken(metadata, text, TokenType.USER_DEFINED);
        }
        tokenizer = Tokenizer.fromGgufMetadata(metadata);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>", "<|eom_id|>", "<EOT>", "_<EOT>",
            "<|fim_pad|>", "<|repo_name|>", "<|file_sep|>", "<|assistant|>", "stopword", "<|endoftext|>",
            "</tool_call>"})
    void is_eog_exactly_when_llama_cpp_stops(String text) throws Exception {
        int id = idOf(text);
        String generated = LlamaCppReference.generateFavoring(metadata, id, dir);
        assertThat(tokenizer.isEog(id)).as("Guild isEog('%s'), llama.cpp generated '%s'", text, generated)
                .isEqualTo(generated.isEmpty());
    }

    /** DeepSeek's end of sentence is an end-of-turn text only; it ends generation when no other such text is present. */
    @Test
    void deepseek_end_of_sentence_is_eog_like_in_llama_cpp() throws Exception {
        Map<String, Object> deepseek = TestVocabularies.bpe("deepseek-v3");
        @SuppressWarnings("unchecked")
        List<String> tokens = new ArrayList<>((List<String>) deepseek.get("tokenizer.ggml.tokens"));
        tokens.replaceAll(t -> t.equals("<|endoftext|>") || t.equals("<|im_end|>") ? t.replace("|>", "_x|>") : t);
        deepseek.put("tokenizer.ggml.tokens", tokens);
        TestVocabularies.withToken(deepseek, "<｜end▁of▁sentence｜>", TokenType.USER_DEFINED);
        Tokenizer guild = Tokenizer.fromGgufMetadata(deepseek);
        int id = guild.vocabularySize() - 1;
        String generated = LlamaCppReference.generateFavoring(deepseek, id, dir);
        assertThat(generated).isEmpty();
        assertThat(guild.isEog(id)).isTrue();
        assertThat(guild.eotId()).isEqualTo(id);
    }

    private static int idOf(String text) {
        for (int id = tokenizer.vocabularySize() - 1; id >= 0; id--) {
            if (tokenizer.tokenText(id).equals(text)) {
                return id;
            }
        }
        throw new IllegalArgumentException("no token '" + text + "'");
    }
}
