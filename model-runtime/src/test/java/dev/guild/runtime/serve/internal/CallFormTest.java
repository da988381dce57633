package dev.guild.runtime.serve.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.guild.runtime.chat.ParsedOutput;
import dev.guild.runtime.chat.ToolCall;
import dev.guild.runtime.chat.ToolCallFormat;
import dev.guild.runtime.chat.ToolCallParser;
import dev.guild.runtime.constrain.GrammarMatcher;
import dev.guild.runtime.constrain.GrammarOptions;
import dev.guild.runtime.constrain.JsonGrammar;
import dev.guild.runtime.constrain.RandomSchemas;
import dev.guild.runtime.constrain.TokenMasker;
import dev.guild.runtime.constrain.ToolSchema;
import dev.guild.runtime.constrain.Vocabulary;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntPredicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Constrained tool calls in every family's format: random walks through the grammar (seeded random
 * choices among the allowed tokens, as a random model would make) always give output that the
 * format's parser turns into one OpenAI tool call whose arguments validate against the tool's schema.
 */
class CallFormTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Vocabulary VOCABULARY = RandomSchemas.vocabulary(11);
    private static final int EOS = 0;
    /** Tokens that close a value (quotes, brackets, digits), preferred late in a walk so that it ends. */
    private static final boolean[] CLOSING = new boolean[VOCABULARY.size()];

    static {
        for (int id = 0; id < CLOSING.length; id++) {
            CLOSING[id] = new String(VOCABULARY.token(id), StandardCharsets.ISO_8859_1).matches(".*[\"\\]}].*|[0-9]");
        }
    }

    /** The text a model writes to open a call under tool_choice auto. */
    private static final Map<ToolCallFormat, String> OPENERS = Map.of(
            ToolCallFormat.HERMES, "<tool_call>",
            ToolCallFormat.GRANITE, "<|tool_call|>",
            ToolCallFormat.MISTRAL, "[TOOL_CALLS]",
            ToolCallFormat.LLAMA3_JSON, "<|python_tag|>",
            ToolCallFormat.DEEPSEEK, "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>");
    /** What a model writes after its last call (outside the grammar). */
    private static final Map<ToolCallFormat, String> CLOSERS = Map.of(ToolCallFormat.DEEPSEEK, "<｜tool▁calls▁end｜>");

    private static List<ToolSchema> tools(RandomSchemas schemas, Random random) {
        List<ToolSchema> tools = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            tools.add(new ToolSchema("tool_" + i, schemas.schema()));
        }
        return tools;
    }

    /** A random allowed token; late in the walk mostly one that closes a value, so that walks end. */
    private static int choose(long[] allowed, int step, Random random) {
        List<Integer> all = new ArrayList<>();
        List<Integer> closing = new ArrayList<>();
        for (int id = 0; id < VOCABULARY.size(); id++) {
            if ((allowed[id >>> 6] >>> id & 1) != 0) {
                all.add(id);
                if (CLOSING[id]) {
                    closing.add(id);
                }
            }
        }
        if (all.isEmpty()) {
            return fail("dead end at step " + step);
        }
        if (all.contains(EOS)) {
            return EOS;
        }
        List<Integer> pool = step > 60 && !closing.isEmpty() && random.nextInt(10) > 0 ? closing : all;
        return pool.get(random.nextInt(pool.size()));
    }

    private static void assertOneValidCall(ParsedOutput parsed, List<ToolSchema> tools, String output) throws Exception {
        assertThat(parsed.errors()).as(output).isEmpty();
        assertThat(parsed.toolCalls()).as(output).hasSize(1);
        ToolCall call = parsed.toolCalls().getFirst();
        ToolSchema tool = tools.stream().filter(t -> t.name().equals(call.name())).findFirst()
                .orElseGet(() -> fail("unknown tool " + call.name() + " in " + output));
        JsonNode arguments = JSON.readTree(call.arguments());
        assertThat(REGISTRY.getSchema(tool.parameters().toString()).validate(arguments)).as(output).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ToolCallFormat.class)
    void a_required_call_always_parses_into_a_valid_tool_call(ToolCallFormat format) throws Exception {
        CallForm form = CallForm.of(format);
        RandomSchemas schemas = new RandomSchemas(format.ordinal() + 100);
        Random random = new Random(format.ordinal());
        for (int i = 0; i < 10; i++) {
            List<ToolSchema> tools = tools(schemas, random);
            TokenMasker masker = TokenMasker.create(JsonGrammar.toolCall(tools, form.body(), form.requiredPrefix(),
                    form.requiredSuffix(), GrammarOptions.DEFAULTS), VOCABULARY);
            GrammarMatcher m = masker.newMatcher();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int step = 0; ; step++) {
                assertThat(step).as("walk %d ends", i).isLessThan(4000);
                int id = choose(m.allowedTokens(), step, random);
                m.accept(id);
                if (id == EOS) {
                    break;
                }
                out.writeBytes(VOCABULARY.token(id));
            }
            String output = out.toString(StandardCharsets.UTF_8);
            assertThat(output).startsWith(form.requiredPrefix()).endsWith(form.requiredSuffix());
            assertOneValidCall(ToolCallParser.parse(format, output), tools, output);
        }
    }

    @ParameterizedTest
    @EnumSource(ToolCallFormat.class)
    void a_call_the_model_opens_under_auto_is_constrained_until_it_closes_and_parses(ToolCallFormat format)
            throws Exception {
        CallForm form = CallForm.of(format);
        RandomSchemas schemas = new RandomSchemas(format.ordinal() + 200);
        Random random = new Random(format.ordinal() + 50);
        for (int i = 0; i < 6; i++) {
            List<ToolSchema> tools = tools(schemas, random);
            TokenMasker masker = TokenMasker.create(JsonGrammar.toolCall(tools, form.body(), form.autoPrefix(),
                    form.autoSuffix(), GrammarOptions.DEFAULTS), VOCABULARY);
            AutoToolConstraint constraint = new AutoToolConstraint(masker, VOCABULARY);
            ToolCallParser parser = ToolCallParser.create(format);
            Utf8Writer out = new Utf8Writer(parser);
            for (byte b : ("I will call a tool. " + OPENERS.get(format)).getBytes(StandardCharsets.UTF_8)) {
                int id = byteToken(b);
                constraint.accept(id);
                out.write(VOCABULARY.token(id));
                constraint.update(parser);
            }
            assertThat(constraint.active()).as("the grammar is on once the call is opened").isTrue();
            for (int step = 0; constraint.active(); step++) {
                assertThat(step).as("walk %d ends", i).isLessThan(4000);
                float[] logits = new float[VOCABULARY.size()];
                constraint.mask(logits);
                long[] allowed = new long[(logits.length + 63) / 64];
                for (int id = 0; id < logits.length; id++) {
                    if (logits[id] != Float.NEGATIVE_INFINITY) {
                        allowed[id >>> 6] |= 1L << id;
                    }
                }
                int id = choose(allowed, step, random);
                assertThat(id).as("generation cannot end inside a call").isNotEqualTo(EOS);
                constraint.accept(id);
                out.write(VOCABULARY.token(id));
                constraint.update(parser);
            }
            String output = out.text() + CLOSERS.getOrDefault(format, "");
            ParsedOutput parsed = ToolCallParser.parse(format, output);
            assertThat(parsed.content().strip()).isEqualTo("I will call a tool.");
            assertOneValidCall(parsed, tools, output);
        }
    }

    private static int byteToken(byte b) {
        IntPredicate single = id -> VOCABULARY.token(id).length == 1 && VOCABULARY.token(id)[0] == b;
        for (int id = 2; id < VOCABULARY.size(); id++) {
            if (single.test(id)) {
                return id;
            }
        }
        return fail("no token for byte " + b);
    }

    /** Feeds a parser whole UTF-8 characters as token bytes arrive (a token may end inside a character). */
    private static final class Utf8Writer {
        private final ToolCallParser parser;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private int fed;

        Utf8Writer(ToolCallParser parser) {
            this.parser = parser;
        }

        void write(byte[] token) {
            bytes.writeBytes(token);
            byte[] all = bytes.toByteArray();
            int end = all.length;
            int lead = end - 1;
            while (lead >= fed && (all[lead] & 0xC0) == 0x80) {
                lead--;
            }
            if (lead >= fed) {
                int b = all[lead] & 0xFF;
                int need = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
                if (end - lead < need) {
                    end = lead;
                }
            }
            if (end > fed) {
                parser.accept(new String(all, fed, end - fed, StandardCharsets.UTF_8));
                fed = end;
            }
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
