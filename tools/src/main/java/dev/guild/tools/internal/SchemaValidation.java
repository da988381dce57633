package dev.guild.tools.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** JSON Schema validation on networknt's validator, with compiled schemas cached by content. */
public final class SchemaValidation {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<JsonNode, Schema> COMPILED = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 1024;
    private static volatile Schema metaSchema;

    public static List<String> validate(JsonNode schema, JsonNode value) {
        Schema compiled = COMPILED.get(schema);
        if (compiled == null) {
            compiled = REGISTRY.getSchema(schema);
            if (COMPILED.size() < CACHE_LIMIT) {
                COMPILED.put(schema.deepCopy(), compiled);
            }
        }
        return messages(compiled.validate(value));
    }

    public static List<String> checkSchema(JsonNode schema) {
        List<String> problems = new ArrayList<>();
        if (schema == null || !schema.isObject()) {
            problems.add("a schema must be a JSON object; got " + (schema == null ? "nothing" : schema.getNodeType()));
            return problems;
        }
        collectRemoteRefs(schema, "$", problems);
        Schema meta = metaSchema;
        if (meta == null) {
            meta = REGISTRY.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));
            metaSchema = meta;
        }
        problems.addAll(messages(meta.validate(schema)));
        if (problems.isEmpty()) {
            try {
                REGISTRY.getSchema(schema);
            } catch (RuntimeException e) {
                problems.add("the schema does not compile: " + e.getMessage());
            }
        }
        return problems;
    }

    private static void collectRemoteRefs(JsonNode node, String path, List<String> problems) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().equals("$ref") && field.getValue().isTextual()
                        && !field.getValue().asText().startsWith("#")) {
                    problems.add(path + ".$ref: '" + field.getValue().asText()
                            + "' is not a local reference; only '#/...' references are allowed, inline the schema instead");
                }
                collectRemoteRefs(field.getValue(), path + "." + field.getKey(), problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectRemoteRefs(node.get(i), path + "[" + i + "]", problems);
            }
        }
    }

    private static List<String> messages(List<Error> errors) {
        List<String> out = new ArrayList<>(errors.size());
        for (Error error : errors) {
            String text = error.toString();
            out.add(text.startsWith(": ") ? "/" + text : text);
        }
        return out;
    }

    private SchemaValidation() {
    }
}
