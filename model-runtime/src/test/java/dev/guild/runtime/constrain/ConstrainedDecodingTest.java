package dev.guild.runtime.constrain;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.guild.runtime.constrain.internal.ParseState;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Random schemas x random token choices among the allowed tokens: every output must complete,
 * parse, and validate against its schema (checked with an independent JSON-schema validator).
 */
class ConstrainedDecodingTest {
    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Vocabulary VOCABULARY = RandomSchemas.vocabulary(11);
    private static final int MAX_STEPS = 3000;
    /** Tokens that tend to close values (quotes, brackets, digits), preferred late in a run so documents end. */
    private static final boolean[] CLOSING = closingTokens();

    private static boolean[] closingTokens() {
        boolean[] closing = new boolean[VOCABULARY.size()];
        for (int id = 0; id < VOCABULARY.size(); id++) {
            String text = new String(VOCABULARY.token(id), StandardCharsets.ISO_8859_1);
            closing[id] = id == 0 || text.matches(".*[\"\\]}].*|[0-9]");
        }
        return closing;
    }

    /** Generates one document by choosing random allowed tokens; fails on a dead end. */
    private static String generate(TokenMasker masker, Random random, boolean checkAgainstBruteForce) {
        GrammarMatcher m = masker.newMatcher();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int step = 0; step < MAX_STEPS; step++) {
            long[] mask = m.allowedTokens();
            List<Integer> allowed = new ArrayList<>();
            List<Integer> closing = new ArrayList<>();
            for (int id = 0; id < VOCABULARY.size(); id++) {
                if ((mask[id >>> 6] >>> id & 1) != 0) {
                    allowed.add(id);
                    if (CLOSING[id]) {
                        closing.add(id);
                    }
                }
            }
            if (checkAgainstBruteForce && step % 5 == 0) {
                assertThat(allowed).as("mask at step " + step + " after '" + out.toString(StandardCharsets.UTF_8) + "'")
                        .isEqualTo(bruteForce(masker, out.toByteArray()));
            }
            if (allowed.isEmpty()) {
                fail("dead end after '" + out.toString(StandardCharsets.UTF_8) + "'");
            }
            boolean eos = allowed.contains(0);
            if (eos && (step > 40 || random.nextInt(3) == 0)) {
                m.accept(0);
                assertThat(m.isTerminated()).isTrue();
                return out.toString(StandardCharsets.UTF_8);
            }
            List<Integer> pool = step > 60 && !closing.isEmpty() && random.nextInt(10) > 0 ? closing : allowed;
            int id = pool.get(random.nextInt(pool.size()));
            if (id == 0) {
                continue;
            }
            m.accept(id);
            out.writeBytes(VOCABULARY.token(id));
        }
        return fail("no end after " + MAX_STEPS + " tokens: '" + out.toString(StandardCharsets.UTF_8) + "'");
    }

    /** The reference: a token is allowed when the parser survives all its bytes from the current state. */
    private static List<Integer> bruteForce(TokenMasker masker, byte[] prefix) {
        ParseState state = masker.parser().advance(masker.parser().initial(), prefix);
        List<Integer> allowed = new ArrayList<>();
        if (state.complete()) {
            allowed.add(0);
        }
        for (int id = 2; id < VOCABULARY.size(); id++) {
            if (!masker.parser().advance(state, VOCABULARY.token(id)).dead()) {
                allowed.add(id);
            }
        }
        return allowed;
    }

    private static void assertValid(JsonNode schema, String output) throws Exception {
        JsonNode document = STRICT.readTree(output);
        Schema validator = REGISTRY.getSchema(schema.toString());
        List<Error> errors = validator.validate(document);
        assertThat(errors).as("output %s against schema %s", output, schema).isEmpty();
    }

    @Test
    void hundred_random_schemas_always_yield_valid_documents() throws Exception {
        RandomSchemas schemas = new RandomSchemas(2026);
        Random random = new Random(7);
        for (int i = 0; i < 100; i++) {
            JsonNode schema = schemas.schema();
            TokenMasker masker = TokenMasker.create(JsonGrammar.compile(schema), VOCABULARY);
            for (int run = 0; run < 3; run++) {
                String output = generate(masker, random, i < 15 && run == 0);
                assertValid(schema, output);
            }
        }
    }

    @Test
    void tool_call_mode_always_yields_one_valid_call() throws Exception {
        RandomSchemas schemas = new RandomSchemas(99);
        Random random = new Random(3);
        for (int i = 0; i < 10; i++) {
            List<ToolSchema> tools = List.of(new ToolSchema("get_weather", schemas.schema()),
                    new ToolSchema("get_time", schemas.schema()), new ToolSchema("book", schemas.schema()));
            TokenMasker masker = TokenMasker.create(
                    JsonGrammar.toolCall(tools, "<tool_call>\n", "\n</tool_call>", GrammarOptions.DEFAULTS), VOCABULARY);
            for (int run = 0; run < 3; run++) {
                String output = generate(masker, random, false);
                assertThat(output).startsWith("<tool_call>\n").endsWith("\n</tool_call>");
                JsonNode call = STRICT.readTree(output.substring(12, output.length() - 13));
                String name = call.get("name").asText();
                ToolSchema tool = tools.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
                assertThat(call.size()).isEqualTo(2);
                assertValid(tool.parameters(), call.get("arguments").toString());
            }
        }
    }

    @Test
    void end_of_generation_only_when_complete_and_bad_tokens_are_refused() {
        JsonNode schema = RandomSchemas.parse("""
                {"type": "object", "properties": {"ok": {"type": "boolean"}}, "required": ["ok"], "additionalProperties": false}""");
        GrammarMatcher m = TokenMasker.create(JsonGrammar.compile(schema), VOCABULARY).newMatcher();
        int brace = tokenId("{");

        assertThat(m.isAllowed(0)).isFalse();
        assertThatThrownBy(() -> m.accept(0)).hasMessageContaining("not complete yet");
        assertThatThrownBy(() -> m.accept(tokenId("}"))).hasMessageContaining("('}') is not allowed");
        assertThatThrownBy(() -> m.accept(1)).hasMessageContaining("is not allowed");
        assertThatThrownBy(() -> m.accept(VOCABULARY.size())).hasMessageContaining("outside the vocabulary");
        for (String t : List.of("{", "\"ok\":", "true", "}")) {
            m.accept(tokenId(t));
        }
        assertThat(m.isComplete()).isTrue();
        assertThat(m.allowedTokenSet().stream().boxed().toList()).containsExactly(0);
        m.accept(0);
        assertThat(m.isTerminated()).isTrue();
        assertThatThrownBy(() -> m.accept(brace)).hasMessageContaining("document is finished");
    }

    @Test
    void whitespace_is_bounded() {
        JsonNode schema = RandomSchemas.parse("{\"type\": \"array\", \"items\": {\"type\": \"integer\"}}");
        GrammarMatcher m = TokenMasker.create(JsonGrammar.compile(schema, new GrammarOptions(1, 64, 16)), VOCABULARY)
                .newMatcher();
        m.accept(tokenId("["));
        m.accept(tokenId(" "));

        assertThat(m.isAllowed(tokenId(" "))).isFalse();
        assertThat(m.isAllowed(tokenId("  "))).isFalse();
        assertThat(m.isAllowed(tokenId("12"))).isTrue();
    }

    private static int tokenId(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int id = 0; id < VOCABULARY.size(); id++) {
            if (java.util.Arrays.equals(VOCABULARY.token(id), bytes)) {
                return id;
            }
        }
        throw new IllegalArgumentException("no token " + text);
    }
}
