package dev.guild.runtime.constrain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.runtime.constrain.internal.Grammar;
import dev.guild.runtime.constrain.internal.SchemaCompiler;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A grammar over bytes that accepts exactly the JSON documents valid against a schema, written
 * without whitespace beyond {@link GrammarOptions#maxWhitespace()} per place and with object
 * properties in the schema's declaration order. Compile once per schema; immutable.
 *
 * <pre>{@code
 * JsonGrammar grammar = JsonGrammar.compile(schema);
 * TokenMasker masker = TokenMasker.create(grammar, vocabulary);
 * GrammarMatcher m = masker.newMatcher();
 * long[] mask = m.allowedTokens();   // before sampling
 * m.accept(tokenId);                 // after sampling
 * }</pre>
 */
public final class JsonGrammar {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Grammar grammar;
    private final GrammarOptions options;

    private JsonGrammar(Grammar grammar, GrammarOptions options) {
        this.grammar = grammar;
        this.options = options;
    }

    /** @throws UnsupportedSchemaException naming the keyword and its path */
    public static JsonGrammar compile(JsonNode schema) {
        return compile(schema, GrammarOptions.DEFAULTS);
    }

    public static JsonGrammar compile(JsonNode schema, GrammarOptions options) {
        return wrapped(options, "", "", c -> c.compileRoot(schema, ""));
    }

    /** Any JSON object ({@code response_format: json_object}). */
    public static JsonGrammar anyObject(GrammarOptions options) {
        return wrapped(options, "", "", c -> c.object(c.anyValue()));
    }

    /**
     * One call of one of {@code tools}: {@code {"name": <one of the names>, "arguments": <that tool's
     * arguments>}}, between {@code prefix} and {@code suffix} (e.g. {@code "<tool_call>\n"} and
     * {@code "\n</tool_call>"} for Hermes-style models; empty for none).
     */
    public static JsonGrammar toolCall(List<ToolSchema> tools, String prefix, String suffix, GrammarOptions options) {
        return toolCall(tools, ToolCallSyntax.NAME_ARGUMENTS, prefix, suffix, options);
    }

    /** One call of one of {@code tools} written in {@code syntax}, between {@code prefix} and {@code suffix}. */
    public static JsonGrammar toolCall(List<ToolSchema> tools, ToolCallSyntax syntax, String prefix, String suffix,
                                       GrammarOptions options) {
        if (tools.isEmpty()) {
            throw new IllegalArgumentException("tool-call mode needs at least one tool");
        }
        Set<String> names = new HashSet<>();
        for (ToolSchema t : tools) {
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("tool name '" + t.name() + "' appears twice; tool names must be unique");
            }
        }
        return wrapped(options, prefix, suffix, c -> {
            Grammar.Builder g = c.builder();
            List<Integer> calls = new ArrayList<>();
            int ws = c.whitespace();
            for (int i = 0; i < tools.size(); i++) {
                ToolSchema tool = tools.get(i);
                int arguments = c.compileRoot(tool.parameters(), "/tools/" + i + "/parameters");
                calls.add(switch (syntax) {
                    case ToolCallSyntax.JsonObject o -> g.sequence(c.literal("{"), ws, c.literal("\"name\""), ws,
                            c.literal(":"), ws, c.literal(JSON.getNodeFactory().textNode(tool.name()).toString()), ws,
                            c.literal(","), ws, c.literal(JSON.getNodeFactory().textNode(o.argumentsKey()).toString()),
                            ws, c.literal(":"), ws, arguments, ws, c.literal("}"));
                    case ToolCallSyntax.Text t -> t.afterArguments().isEmpty()
                            ? g.sequence(c.literal(t.beforeName() + tool.name() + t.afterName()), arguments)
                            : g.sequence(c.literal(t.beforeName() + tool.name() + t.afterName()), arguments,
                            c.literal(t.afterArguments()));
                });
            }
            return g.choice(calls);
        });
    }

    private interface Body {
        int build(SchemaCompiler compiler);
    }

    private static JsonGrammar wrapped(GrammarOptions options, String prefix, String suffix, Body body) {
        Grammar.Builder g = new Grammar.Builder();
        SchemaCompiler compiler = new SchemaCompiler(g, options);
        int root = body.build(compiler);
        List<Integer> parts = new ArrayList<>();
        if (!prefix.isEmpty()) {
            parts.add(compiler.literal(prefix));
        }
        parts.add(root);
        if (!suffix.isEmpty()) {
            parts.add(compiler.literal(suffix));
        }
        int top = parts.size() == 1 ? root : g.sequence(parts.stream().mapToInt(Integer::intValue).toArray());
        return new JsonGrammar(g.build(top), options);
    }

    /** The compiled grammar (for the runtime's own use). */
    public Grammar grammar() {
        return grammar;
    }

    public GrammarOptions options() {
        return options;
    }
}
