package dev.guild.workflows.internal.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runtime expressions of workflow definitions: {@code ${ <jq> }} strings, evaluated with jackson-jq (jq 1.6)
 * deterministically: {@code now} is replaced by an error (use {@code $workflow.startedAt}), and the only inputs are
 * the value and the variables given. Safe to call from workflow code.
 */
public final class Jq {

    private static final Scope ROOT = rootScope();
    private static final Map<String, JsonQuery> COMPILED = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 4096;

    /** True for a string that is a runtime expression: {@code ${ ... }}. */
    public static boolean isExpression(JsonNode node) {
        return node != null && node.isTextual() && isExpression(node.asText());
    }

    public static boolean isExpression(String text) {
        String t = text.strip();
        return t.startsWith("${") && t.endsWith("}");
    }

    /** The jq program inside {@code ${ ... }}. */
    public static String body(String expression) {
        String t = expression.strip();
        return t.substring(2, t.length() - 1).strip();
    }

    /** Compiles the expression, or returns the compiler's message. */
    public static String problemWith(String expression) {
        if (!isExpression(expression)) {
            return "not an expression: write ${ <jq> }";
        }
        String body = body(expression);
        if (body.isEmpty()) {
            return "empty expression ${ }; write a jq filter such as ${ .name }";
        }
        try {
            compile(body);
            return null;
        } catch (JsonQueryException e) {
            return e.getMessage();
        }
    }

    /**
     * Evaluates a value of a definition: every {@code ${...}} string (at any depth in objects and arrays) is
     * replaced by the result of its expression on {@code input}; everything else is copied.
     *
     * @throws ExpressionException when an expression fails
     */
    public static JsonNode evaluate(JsonNode template, JsonNode input, Map<String, JsonNode> variables) {
        if (isExpression(template)) {
            return evaluateExpression(template.asText(), input, variables);
        }
        if (template.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                out.set(field.getKey(), evaluate(field.getValue(), input, variables));
            }
            return out;
        }
        if (template.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            template.forEach(item -> out.add(evaluate(item, input, variables)));
            return out;
        }
        return template.deepCopy();
    }

    /** Evaluates one {@code ${...}}; a filter yielding several values gives an array, none gives null. */
    public static JsonNode evaluateExpression(String expression, JsonNode input, Map<String, JsonNode> variables) {
        String body = body(expression);
        Scope scope = Scope.newChildScope(ROOT);
        variables.forEach(scope::setValue);
        List<JsonNode> out = new ArrayList<>(1);
        try {
            compile(body).apply(scope, input, out::add);
        } catch (JsonQueryException e) {
            throw new ExpressionException("expression " + expression + " failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // a failing expression must fail its task, never the workflow task (which Temporal would retry forever)
            throw new ExpressionException("expression " + expression + " failed: " + e, e);
        }
        if (out.isEmpty()) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (out.size() == 1) {
            return out.getFirst();
        }
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        out.forEach(all::add);
        return all;
    }

    private static JsonQuery compile(String body) throws JsonQueryException {
        JsonQuery query = COMPILED.get(body);
        if (query == null) {
            query = JsonQuery.compile(body, Versions.JQ_1_6);
            if (COMPILED.size() < CACHE_LIMIT) {
                COMPILED.put(body, query);
            }
        }
        return query;
    }

    private static Scope rootScope() {
        Scope root = Scope.newEmptyScope();
        BuiltinFunctionLoader.getInstance().loadFunctions(Versions.JQ_1_6, root);
        root.addFunction("now", 0, (scope, args, in, path, output, version) -> {
            throw new JsonQueryException("now is not available in workflow expressions (a run must replay"
                    + " identically); use $workflow.startedAt");
        });
        return root;
    }

    private Jq() {
    }
}
