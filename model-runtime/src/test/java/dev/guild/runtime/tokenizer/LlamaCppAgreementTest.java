package dev.guild.runtime.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guild.runtime.tokenizer.internal.PreTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Token ids equal llama.cpp's for test-built vocabularies, per pre-tokenizer and for SentencePiece,
 * on the fixed corpus plus seeded random texts; decoding llama.cpp's ids gives llama.cpp's text.
 */
class LlamaCppAgreementTest {
    @TempDir
    static Path dir;

    static Stream<String> preTokenizers() {
        return PreTokenizer.supportedNames().stream();
    }

    @ParameterizedTest(name = "bpe pre={0}")
    @MethodSource("preTokenizers")
    void bpe_ids_equal_llama_cpp(String pre) throws Exception {
        assertAgreement(TestVocabularies.bpe(pre));
    }

    @Test
    void bpe_without_pre_key_equals_llama_cpp_default() throws Exception {
        assertAgreement(TestVocabularies.bpe(null));
    }

    @Test
    void spm_ids_equal_llama_cpp() throws Exception {
        assertAgreement(TestVocabularies.spm());
    }

    @Test
    void spm_without_space_prefix_equals_llama_cpp() throws Exception {
        Map<String, Object> metadata = TestVocabularies.spm();
        metadata.put("tokenizer.ggml.add_space_prefix", false);
        assertAgreement(metadata);
    }

    @Test
    void spm_with_phi3_whitespace_stripping_equals_llama_cpp() throws Exception {
        Map<String, Object> metadata = TestVocabularies.withToken(TestVocabularies.spm(), "<|endoftext|>",
                TokenType.CONTROL);
        metadata.put("general.name", "Phi-3-mini-4k-instruct");
        assertAgreement(metadata);
    }

    @Test
    void bpe_ignores_add_space_prefix_like_llama_cpp() throws Exception {
        Map<String, Object> metadata = TestVocabularies.bpe("refact");
        metadata.put("tokenizer.ggml.add_space_prefix", true);
        assertAgreement(metadata);
    }

    @Test
    void bpe_with_merge_results_missing_from_the_vocabulary_equals_llama_cpp() throws Exception {
        Map<String, Object> metadata = TestVocabularies.bpe("qwen2");
        @SuppressWarnings("unchecked")
        List<String> tokens = new ArrayList<>((List<String>) metadata.get("tokenizer.ggml.tokens"));
        for (int id = 300; id < 600; id += 7) {
            tokens.set(id, "[UNUSED_" + id + "]");
        }
        metadata.put("tokenizer.ggml.tokens", tokens);
        assertAgreement(metadata);
    }

    private static void assertAgreement(Map<String, Object> metadata) throws Exception {
        List<String> texts = new ArrayList<>(TestCorpus.TEXTS);
        texts.addAll(TestCorpus.random(fromEnvironment("TOKENIZER_FUZZ_SEED", 20250318L),
                (int) fromEnvironment("TOKENIZER_FUZZ_COUNT", 150), 24));
        LlamaCppReference.Result reference = LlamaCppReference.encode(metadata, texts, dir);
        Tokenizer tokenizer = reference.guild();
        StringBuilder mismatches = new StringBuilder();
        for (int i = 0; i < texts.size(); i++) {
            int[] ours = tokenizer.encode(texts.get(i), false, true);
            int[] theirs = reference.ids().get(i);
            String decoded = tokenizer.decode(theirs, true);
            if (!decoded.equals(reference.decoded().get(i))) {
                mismatches.append("\ndecoded text #").append(i).append(" guild [").append(abbreviate(decoded))
                        .append("] llama.cpp [").append(abbreviate(reference.decoded().get(i))).append(']');
            }
            if (!Arrays.equals(ours, theirs)) {
                mismatches.append("\ntext #").append(i).append(" ").append(abbreviate(texts.get(i)))
                        .append("\n  guild    ").append(Arrays.toString(ours))
                        .append("\n  llama.cpp").append(Arrays.toString(theirs));
            }
        }
        assertThat(mismatches.toString()).as("token ids or decoded text differing from llama.cpp").isEmpty();
    }

    /** The random texts are seeded; a deeper run can ask for more or other ones through the environment. */
    private static long fromEnvironment(String name, long fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Long.parseLong(value.trim());
    }

    private static String abbreviate(String s) {
        String t = s.replace("\n", "\\n");
        return t.length() > 60 ? t.substring(0, 60) + "..." : t;
    }
}
