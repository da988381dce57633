package dev.guild.runtime.constrain;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.runtime.gguf.GgufFile;
import dev.guild.runtime.gguf.TinyLlamaGguf;
import dev.guild.runtime.tokenizer.TokenType;
import dev.guild.runtime.tokenizer.Tokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vocabulary of a real (tiny) SentencePiece model, taken through the runtime's tokenizer
 * ({@code tokenToPiece}, control tokens special, EOG ids): constrained walks end in documents that parse
 * and contain what the schema demands, and the tokenizer decodes the chosen ids to the same text.
 */
class RealTokenizerVocabularyTest {

    @Test
    void constrained_walks_over_a_sentencepiece_vocabulary(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tiny.gguf");
        TinyLlamaGguf.write(file, 3);
        Tokenizer tokenizer;
        try (GgufFile gguf = GgufFile.open(file)) {
            tokenizer = Tokenizer.fromGgufMetadata(gguf.metadata().asMap());
        }
        List<byte[]> pieces = new ArrayList<>();
        BitSet special = new BitSet();
        BitSet eog = new BitSet();
        for (int id = 0; id < tokenizer.vocabularySize(); id++) {
            pieces.add(tokenizer.tokenToPiece(id, false));
            if (tokenizer.tokenType(id) == TokenType.CONTROL) {
                special.set(id);
            }
            if (tokenizer.isEog(id)) {
                eog.set(id);
            }
        }
        Vocabulary vocabulary = Vocabulary.of(pieces, special, eog);
        JsonNode schema = new ObjectMapper().readTree("""
                {"type": "object", "properties": {"greeting": {"enum": ["hello world", "the guild"]},
                 "count": {"type": "integer", "minimum": 1, "maximum": 20}, "words": {"type": "array",
                 "items": {"type": "string", "pattern": "^[a-z]{1,6}$"}, "maxItems": 3}},
                 "required": ["greeting", "count"], "additionalProperties": false}""");
        TokenMasker masker = TokenMasker.create(JsonGrammar.compile(schema), vocabulary);
        ObjectMapper strict = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        Random random = new Random(17);
        for (int run = 0; run < 20; run++) {
            GrammarMatcher m = masker.newMatcher();
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            List<Integer> ids = new ArrayList<>();
            while (!m.isTerminated()) {
                List<Integer> allowed = m.allowedTokenSet().stream().boxed().toList();
                assertThat(allowed).as("dead end after " + text.toString(StandardCharsets.UTF_8)).isNotEmpty();
                int id = allowed.stream().anyMatch(eog::get) && ids.size() > 30 ? eog.nextSetBit(0)
                        : allowed.get(random.nextInt(allowed.size()));
                m.accept(id);
                if (!eog.get(id)) {
                    ids.add(id);
                    text.writeBytes(vocabulary.token(id));
                }
                assertThat(ids.size()).isLessThan(2000);
            }
            String json = text.toString(StandardCharsets.UTF_8);
            JsonNode doc = strict.readTree(json);
            assertThat(doc.get("greeting").asText()).isIn("hello world", "the guild");
            assertThat(doc.get("count").asInt()).isBetween(1, 20);
            assertThat(doc.path("words").size()).isLessThanOrEqualTo(3);
            doc.path("words").forEach(w -> assertThat(w.asText()).matches("[a-z]{1,6}"));
            assertThat(tokenizer.decode(ids.stream().mapToInt(Integer::intValue).toArray(), false).strip())
                    .isEqualTo(json.strip());
        }
    }
}
