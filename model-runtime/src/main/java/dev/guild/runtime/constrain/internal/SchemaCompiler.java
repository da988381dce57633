package dev.guild.runtime.constrain.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.runtime.constrain.GrammarOptions;
import dev.guild.runtime.constrain.UnsupportedSchemaException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles the JSON-schema subset that tool definitions use into {@link Grammar} rules. Objects
 * accept their declared properties in declaration order (each at most once, required ones present);
 * with no declared properties and {@code additionalProperties} not false, any members. Unsupported
 * keywords and unsatisfiable schemas fail with the keyword and its path.
 */
public final class SchemaCompiler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ANNOTATIONS = Set.of("title", "description", "default", "examples", "$schema",
            "$id", "$comment", "deprecated", "readOnly", "writeOnly", "format", "$defs", "definitions", "strict");
    private static final Set<String> SUPPORTED = Set.of("type", "enum", "const", "anyOf", "oneOf", "$ref", "properties",
            "required", "additionalProperties", "items", "minItems", "maxItems", "minLength", "maxLength", "pattern",
            "nullable", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum");
    private static final List<String> TYPES = List.of("object", "array", "string", "integer", "number", "boolean", "null");

    private final Grammar.Builder g;
    private final GrammarOptions options;
    private final int ws;
    private final Map<String, Integer> refs = new HashMap<>();
    private JsonNode root;
    private String rootPath;
    private int anyValue;

    public SchemaCompiler(Grammar.Builder builder, GrammarOptions options) {
        this.g = builder;
        this.options = options;
        this.ws = g.terminal(new Terminal.Whitespace(options.maxWhitespace()));
    }

    /** Element code of a grammar for documents valid against {@code schema} ({@code path}: where it sits). */
    public int compileRoot(JsonNode schema, String path) {
        this.root = schema;
        this.rootPath = path;
        refs.clear();
        return compile(schema, path);
    }

    public Grammar.Builder builder() {
        return g;
    }

    public int literal(String text) {
        return g.terminal(new Terminal.Literal(text.getBytes(StandardCharsets.UTF_8)));
    }

    public int whitespace() {
        return ws;
    }

    /** Any JSON value. */
    public int anyValue() {
        if (anyValue == 0) {
            anyValue = g.rule();
            int string = g.terminal(JsonString.any());
            int object = object(anyValue);
            int array = array(anyValue, 0, -1, "");
            for (int e : new int[] {string, g.terminal(new Terminal.Number(false)), literal("true"), literal("false"),
                    literal("null"), object, array}) {
                g.alternative(anyValue, e);
            }
        }
        return anyValue;
    }

    /** An object with any string keys and values matching {@code value}. */
    public int object(int value) {
        int pair = g.sequence(g.terminal(JsonString.any()), ws, literal(":"), ws, value);
        int more = g.rule();
        g.alternative(more, ws).alternative(more, ws, literal(","), ws, pair, more);
        int members = g.rule();
        g.alternative(members).alternative(members, pair, more);
        return g.sequence(literal("{"), ws, members, literal("}"));
    }

    private int compile(JsonNode schema, String path) {
        if (schema.isBoolean()) {
            if (!schema.booleanValue()) {
                throw new UnsupportedSchemaException("false", path, "the schema 'false' accepts no value");
            }
            return anyValue();
        }
        if (!schema.isObject()) {
            throw new UnsupportedSchemaException("(schema)", path, "a schema must be an object or a boolean, not "
                    + schema.getNodeType());
        }
        for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!SUPPORTED.contains(k) && !ANNOTATIONS.contains(k)) {
                throw new UnsupportedSchemaException(k, path + "/" + k, "not supported by constrained decoding;"
                        + " supported: " + new java.util.TreeSet<>(SUPPORTED) + " (remove it or relax the schema)");
            }
        }
        if (schema.has("$ref")) {
            return ref(schema, path);
        }
        if (schema.has("anyOf") || schema.has("oneOf")) {
            return anyOf(schema, path);
        }
        List<String> types = types(schema, path);
        if (schema.has("const")) {
            return values(List.of(schema.get("const")), types, "const", path);
        }
        if (schema.has("enum")) {
            JsonNode e = schema.get("enum");
            if (!e.isArray()) {
                throw new UnsupportedSchemaException("enum", path + "/enum", "must be an array");
            }
            List<JsonNode> list = new ArrayList<>();
            e.forEach(list::add);
            return values(list, types, "enum", path);
        }
        if (types.size() == TYPES.size() && !hasTypedKeywords(schema)) {
            return anyValue();
        }
        List<Integer> options = new ArrayList<>();
        for (String type : types) {
            options.add(typed(type, schema, path));
        }
        return g.choice(options);
    }

    private static boolean hasTypedKeywords(JsonNode schema) {
        for (String k : List.of("properties", "required", "additionalProperties", "items", "minItems", "maxItems",
                "minLength", "maxLength", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")) {
            if (schema.has(k)) {
                return true;
            }
        }
        return false;
    }

    private List<String> types(JsonNode schema, String path) {
        JsonNode type = schema.get("type");
        List<String> types = new ArrayList<>();
        if (type == null) {
            types.addAll(TYPES);
        } else if (type.isTextual()) {
            types.add(type.asText());
        } else if (type.isArray() && !type.isEmpty()) {
            type.forEach(t -> types.add(t.asText()));
        } else {
            throw new UnsupportedSchemaException("type", path + "/type", "must be a type name or a non-empty array of them");
        }
        for (String t : types) {
            if (!TYPES.contains(t)) {
                throw new UnsupportedSchemaException("type", path + "/type", "unknown type '" + t + "'; use one of " + TYPES);
            }
        }
        if (schema.path("nullable").asBoolean(false) && !types.contains("null")) {
            types.add("null");
        }
        if (type == null && hasTypedKeywords(schema)) {
            // keywords of one type imply that type when "type" is absent
            types.clear();
            if (schema.has("properties") || schema.has("required") || schema.has("additionalProperties")) {
                types.add("object");
            }
            if (schema.has("items") || schema.has("minItems") || schema.has("maxItems")) {
                types.add("array");
            }
            if (schema.has("minLength") || schema.has("maxLength") || schema.has("pattern")) {
                types.add("string");
            }
            if (BOUNDS.stream().anyMatch(schema::has)) {
                types.add("number");
            }
        }
        return types;
    }

    private int typed(String type, JsonNode schema, String path) {
        return switch (type) {
            case "string" -> g.terminal(StringConstraints.of(schema, path));
            case "integer" -> g.terminal(integer(schema, path));
            case "number" -> {
                rejectBounds(schema, path, "on type number (only integer ranges are supported)");
                yield g.terminal(new Terminal.Number(false));
            }
            case "boolean" -> g.choice(List.of(literal("true"), literal("false")));
            case "null" -> literal("null");
            case "array" -> array(schema.has("items") ? compile(schema.get("items"), path + "/items") : anyValue(),
                    count(schema, "minItems", 0, path), count(schema, "maxItems", -1, path), path);
            default -> objectSchema(schema, path);
        };
    }

    private static final List<String> BOUNDS = List.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum");

    private static Terminal integer(JsonNode schema, String path) {
        if (BOUNDS.stream().noneMatch(schema::has)) {
            return new Terminal.Number(true);
        }
        long min = -IntegerRange.LIMIT;
        long max = IntegerRange.LIMIT;
        for (String k : BOUNDS) {
            JsonNode v = schema.get(k);
            if (v == null) {
                continue;
            }
            if (!v.isNumber() || Math.abs(v.doubleValue()) > IntegerRange.LIMIT) {
                throw new UnsupportedSchemaException(k, path + "/" + k, "must be a number within ±" + IntegerRange.LIMIT
                        + " for constrained decoding, was " + v);
            }
            double d = v.doubleValue();
            switch (k) {
                case "minimum" -> min = Math.max(min, (long) Math.ceil(d));
                case "exclusiveMinimum" -> min = Math.max(min, (long) Math.floor(d) + 1);
                case "maximum" -> max = Math.min(max, (long) Math.floor(d));
                default -> max = Math.min(max, (long) Math.ceil(d) - 1);
            }
        }
        if (min > max) {
            throw new UnsupportedSchemaException("minimum", path, "no integer lies between the bounds (" + min + " > "
                    + max + "), so no value satisfies the schema");
        }
        return new IntegerRange(min, max);
    }

    private static void rejectBounds(JsonNode schema, String path, String why) {
        for (String k : BOUNDS) {
            if (schema.has(k)) {
                throw new UnsupportedSchemaException(k, path + "/" + k, "not supported " + why);
            }
        }
    }

    private int count(JsonNode schema, String keyword, int absent, String path) {
        JsonNode n = schema.get(keyword);
        if (n == null) {
            return absent;
        }
        if (!n.canConvertToInt() || n.asInt() < 0) {
            throw new UnsupportedSchemaException(keyword, path + "/" + keyword, "must be a non-negative integer, was " + n);
        }
        return n.asInt();
    }

    private int ref(JsonNode schema, String path) {
        String ref = schema.get("$ref").asText();
        String name;
        JsonNode target;
        if (ref.startsWith("#/$defs/")) {
            name = ref.substring(8);
            target = root.path("$defs").get(name);
        } else if (ref.startsWith("#/definitions/")) {
            name = ref.substring(14);
            target = root.path("definitions").get(name);
        } else if (ref.equals("#")) {
            target = root;
        } else {
            throw new UnsupportedSchemaException("$ref", path + "/$ref", "only local references '#', '#/$defs/<name>'"
                    + " and '#/definitions/<name>' are supported, not '" + ref + "'");
        }
        if (target == null) {
            throw new UnsupportedSchemaException("$ref", path + "/$ref", "'" + ref + "' points to nothing in the schema");
        }
        Integer known = refs.get(ref);
        if (known != null) {
            return known;
        }
        int rule = g.rule();
        refs.put(ref, rule);
        g.alternative(rule, compile(target, rootPath + ref.substring(1)));
        return rule;
    }

    private int anyOf(JsonNode schema, String path) {
        String keyword = schema.has("anyOf") ? "anyOf" : "oneOf";
        for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals(keyword) && !ANNOTATIONS.contains(k)) {
                throw new UnsupportedSchemaException(k, path + "/" + k, "keywords beside " + keyword
                        + " are not supported; move '" + k + "' into each branch");
            }
        }
        JsonNode branches = schema.get(keyword);
        if (!branches.isArray() || branches.isEmpty()) {
            throw new UnsupportedSchemaException(keyword, path + "/" + keyword, "must be a non-empty array of schemas");
        }
        List<Integer> options = new ArrayList<>();
        for (int i = 0; i < branches.size(); i++) {
            options.add(compile(branches.get(i), path + "/" + keyword + "/" + i));
        }
        return g.choice(options);
    }

    private int values(List<JsonNode> values, List<String> types, String keyword, String path) {
        Set<String> texts = new LinkedHashSet<>();
        for (JsonNode v : values) {
            if (types.stream().anyMatch(t -> matchesType(v, t))) {
                texts.add(canonical(v));
            }
        }
        if (texts.isEmpty()) {
            throw new UnsupportedSchemaException(keyword, path + "/" + keyword, "no listed value has the type "
                    + types + ", so no value satisfies the schema");
        }
        List<Integer> options = new ArrayList<>();
        for (String t : texts) {
            options.add(literal(t));
        }
        return g.choice(options);
    }

    private static boolean matchesType(JsonNode v, String type) {
        return switch (type) {
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber() || v.isNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0;
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            case "null" -> v.isNull();
            case "array" -> v.isArray();
            default -> v.isObject();
        };
    }

    private static String canonical(JsonNode v) {
        try {
            return JSON.writeValueAsString(v);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + v, e);
        }
    }

    /** {@code [ items ]} with between {@code min} and {@code max} (-1: unbounded) items. */
    private int array(int item, int min, int max, String path) {
        if (max >= 0 && min > max) {
            throw new UnsupportedSchemaException("minItems", path + "/minItems", "minItems " + min + " is above maxItems "
                    + max + ", so no array satisfies the schema");
        }
        if (min > options.maxUnroll() || max > options.maxUnroll()) {
            throw new UnsupportedSchemaException(min > options.maxUnroll() ? "minItems" : "maxItems", path,
                    "bounds above " + options.maxUnroll() + " are not supported; lower them or remove the bound");
        }
        int comma = g.sequence(ws, literal(","), ws, item);
        int next = g.rule(); // tail once `count` items exist, built from the last count backwards
        int last = max < 0 ? Math.max(min, 1) : max;
        if (max < 0) {
            g.alternative(next, ws).alternative(next, comma, next);
        } else {
            g.alternative(next, ws);
        }
        for (int count = last - 1; count >= 1; count--) {
            int tail = g.rule();
            g.alternative(tail, comma, next);
            if (count >= min) {
                g.alternative(tail, ws);
            }
            next = tail;
        }
        int items = g.rule();
        if (max != 0) {
            g.alternative(items, item, next);
        }
        if (min == 0) {
            g.alternative(items);
        }
        return g.sequence(literal("["), ws, items, literal("]"));
    }

    private int objectSchema(JsonNode schema, String path) {
        JsonNode props = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        boolean closed = additional != null && additional.isBoolean() && !additional.booleanValue();
        Set<String> required = new LinkedHashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        for (String r : required) {
            if (!props.has(r)) {
                throw new UnsupportedSchemaException("required", path + "/required", closed
                        ? "required property '" + r + "' is not in properties and additionalProperties is false,"
                        + " so no object satisfies the schema"
                        : "required property '" + r + "' has no schema in properties; declare it there");
            }
        }
        if (props.isEmpty() && !closed) {
            return object(additional == null || additional.isBoolean() ? anyValue()
                    : compile(additional, path + "/additionalProperties"));
        }
        List<String> names = new ArrayList<>();
        props.fieldNames().forEachRemaining(names::add);
        int n = names.size();
        int[] first = new int[n + 1];
        int[] after = new int[n + 1];
        first[n] = g.rule();
        after[n] = g.rule();
        g.alternative(first[n]);
        g.alternative(after[n], ws);
        for (int i = n - 1; i >= 0; i--) {
            String name = names.get(i);
            int member = g.sequence(literal(canonical(JSON.getNodeFactory().textNode(name))), ws, literal(":"), ws,
                    compile(props.get(name), path + "/properties/" + name.replace("~", "~0").replace("/", "~1")));
            first[i] = g.rule();
            after[i] = g.rule();
            g.alternative(first[i], member, after[i + 1]);
            g.alternative(after[i], ws, literal(","), ws, member, after[i + 1]);
            if (!required.contains(name)) {
                g.alternative(first[i], first[i + 1]);
                g.alternative(after[i], after[i + 1]);
            }
        }
        return g.sequence(literal("{"), ws, first[0], literal("}"));
    }
}
