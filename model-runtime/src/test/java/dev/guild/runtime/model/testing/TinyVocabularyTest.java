package dev.guild.runtime.model.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guild.runtime.tokenizer.Tokenizer;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TinyVocabularyTest {

    @Test
    void padded_vocabulary_has_exactly_the_requested_size_and_encodes_like_the_unpadded_one() {
        TinyVocabulary base = TinyVocabulary.of(5000);
        TinyVocabulary padded = TinyVocabulary.padded(5000);

        assertThat(base.size()).as("the corpus runs out of merges long before 5000").isLessThan(5000);
        assertThat(padded.size()).isEqualTo(5000);
        assertThat(new HashSet<>(padded.tokens())).hasSize(5000);
        assertThat(padded.tokens().subList(0, base.size())).isEqualTo(base.tokens());
        assertThat(padded.merges()).isEqualTo(base.merges());
        String text = "The quick brown fox QZX [pad7]";
        assertThat(tokenizer(padded).encode(text, true, false)).isEqualTo(tokenizer(base).encode(text, true, false));
    }

    private static Tokenizer tokenizer(TinyVocabulary v) {
        Map<String, Object> md = new LinkedHashMap<>();
        v.metadata().forEach((k, x) -> md.put(k, x instanceof String[] arr ? List.of(arr) : x));
        return Tokenizer.fromGgufMetadata(md);
    }
}
