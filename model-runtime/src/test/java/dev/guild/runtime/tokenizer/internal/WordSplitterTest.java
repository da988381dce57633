package dev.guild.runtime.tokenizer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pre-token splits checked by hand against the pre-tokenizer regexes. */
class WordSplitterTest {
    private static List<String> split(String pre, String text) {
        int[] cpts = text.codePoints().toArray();
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int length : new WordSplitter(PreTokenizer.byName(pre).regexes()).split(cpts)) {
            words.add(new String(cpts, start, length));
            start += length;
        }
        return words;
    }

    @Test
    void gpt2_splits_contractions_letters_numbers_and_keeps_last_space_for_next_word() {
        assertThat(split("gpt-2", "Hello world's  123!!")).containsExactly("Hello", " world", "'s", " ", " 123", "!!");
    }

    @Test
    void gpt2_leaves_trailing_whitespace_run_whole() {
        assertThat(split("gpt-2", "a   ")).containsExactly("a", "   ");
    }

    @Test
    void llama3_groups_digits_by_three_and_newlines_separately() {
        assertThat(split("llama-bpe", "1234567 Hello\n\nworld")).containsExactly("123", "456", "7", " Hello", "\n\n", "world");
    }

    @Test
    void llama3_contractions_are_case_insensitive() {
        assertThat(split("llama3", "DON'T")).containsExactly("DON", "'T");
        assertThat(split("gpt-2", "DON'T")).containsExactly("DON", "'", "T");
    }

    @Test
    void qwen2_splits_every_digit() {
        assertThat(split("qwen2", "x 2025")).containsExactly("x", " ", "2", "0", "2", "5");
    }

    @Test
    void starcoder_splits_digits_before_gpt2_rules() {
        assertThat(split("refact", "v12 ab")).containsExactly("v", "1", "2", " ab");
    }

    @Test
    void deepseek_v3_separates_cjk_runs_from_latin() {
        assertThat(split("deepseek-v3", "中文abc 123")).containsExactly("中文", "abc", " ", "123");
    }

    @Test
    void collapsed_text_treats_non_ascii_whitespace_as_space_and_emoji_as_symbol() {
        assertThat(split("qwen2", "a\u3000b 😀!")).containsExactly("a", "\u3000b", " 😀!");
    }

    @Test
    void llama_cpp_regex_sources_match_the_custom_splitters() {
        assertThat(PreTokenizer.byName("llama3").regexes()).containsExactly(CustomSplitters.LLAMA3_REGEX);
        assertThat(PreTokenizer.byName("olmo").regexes()).containsExactly(CustomSplitters.GPT2_REGEX);
    }

    @Test
    void collapsed_regex_rewrites_categories_like_llama_cpp() {
        assertThat(WordSplitter.collapseRegex("\\p{N}+|[^\\s\\p{L}]"))
                .isEqualTo("[\u00D10-9]+|[^\\s\u00D2A-Za-z]");
        assertThat(WordSplitter.toJava("\\s+$|[$]")).isEqualTo("\\s+\\z|[$]");
    }
}
