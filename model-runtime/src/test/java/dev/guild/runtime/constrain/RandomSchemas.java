package dev.guild.runtime.constrain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Seeded generators of JSON schemas (the subset tools use) and of a byte-level vocabulary. */
public final class RandomSchemas {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> NAMES = List.of("name", "city", "unit", "count", "items", "id", "tags", "when", "ok",
            "value", "nested", "größe", "a\"b", "limit");

    private final Random random;
    private boolean usedDefs;

    public RandomSchemas(long seed) {
        this.random = new Random(seed);
    }

    public ObjectNode schema() {
        usedDefs = false;
        ObjectNode root = JSON.createObjectNode();
        ObjectNode body = objectSchema(0);
        root.setAll(body);
        if (usedDefs) {
            ObjectNode defs = root.putObject("$defs");
            ObjectNode point = defs.putObject("point");
            point.put("type", "object");
            point.putObject("properties").set("x", JSON.createObjectNode().put("type", "integer"));
            ((ObjectNode) point.get("properties")).set("next", JSON.createObjectNode().put("$ref", "#/$defs/point"));
            point.putArray("required").add("x");
            point.put("additionalProperties", false);
        }
        return root;
    }

    private ObjectNode any(int depth) {
        int kind = random.nextInt(depth >= 3 ? 7 : 11);
        ObjectNode s = JSON.createObjectNode();
        switch (kind) {
            case 0 -> {
                s.put("type", "string");
                switch (random.nextInt(5)) {
                    case 0 -> s.put("maxLength", random.nextInt(6));
                    case 1 -> s.put("minLength", 1).put("maxLength", 1 + random.nextInt(8));
                    case 2 -> s.put("pattern", random.nextBoolean() ? "^[a-z]+$" : "^[0-9]{2,4}$");
                    default -> { }
                }
            }
            case 1 -> {
                s.put("type", "integer");
                switch (random.nextInt(4)) {
                    case 0 -> s.put("minimum", random.nextInt(200) - 100);
                    case 1 -> {
                        int low = random.nextInt(2000) - 1000;
                        s.put("minimum", low).put("maximum", low + random.nextInt(50));
                    }
                    case 2 -> s.put("exclusiveMinimum", -5).put("exclusiveMaximum", 37);
                    default -> { }
                }
            }
            case 2 -> s.put("type", "number");
            case 3 -> s.put("type", "boolean");
            case 4 -> {
                ArrayNode e = s.putArray("enum");
                e.add("red").add("grün").add("blue \"sky\"");
                if (random.nextBoolean()) {
                    e.add(3).addNull().add(true);
                }
            }
            case 5 -> s.put("const", random.nextBoolean() ? "fixed" : "x:y");
            case 6 -> s.put("type", "null");
            case 7, 8 -> {
                s.put("type", "array");
                s.set("items", any(depth + 1));
                int min = random.nextInt(3);
                s.put("minItems", min);
                if (random.nextBoolean()) {
                    s.put("maxItems", min + random.nextInt(3));
                }
            }
            case 9 -> {
                String key = random.nextBoolean() ? "anyOf" : "oneOf";
                ArrayNode branches = s.putArray(key);
                List<String> types = new ArrayList<>(List.of("string", "integer", "boolean", "null", "array"));
                java.util.Collections.shuffle(types, random);
                for (String t : types.subList(0, 2 + random.nextInt(2))) {
                    ObjectNode b = branches.addObject().put("type", t);
                    if (t.equals("array")) {
                        b.set("items", JSON.createObjectNode().put("type", "integer"));
                        b.put("maxItems", 3);
                    }
                }
                if (key.equals("anyOf") && random.nextBoolean()) {
                    branches.add(objectSchema(depth + 1));
                }
            }
            default -> {
                if (random.nextInt(3) == 0) {
                    usedDefs = true;
                    s.put("$ref", "#/$defs/point");
                } else {
                    return objectSchema(depth + 1);
                }
            }
        }
        return s;
    }

    private ObjectNode objectSchema(int depth) {
        ObjectNode s = JSON.createObjectNode().put("type", "object");
        if (random.nextInt(8) == 0) {
            return s; // free-form object
        }
        ObjectNode props = s.putObject("properties");
        Set<String> chosen = new LinkedHashSet<>();
        int n = 1 + random.nextInt(4);
        while (chosen.size() < n) {
            chosen.add(NAMES.get(random.nextInt(NAMES.size())));
        }
        ArrayNode required = s.putArray("required");
        for (String name : chosen) {
            props.set(name, any(depth));
            if (random.nextInt(3) > 0) {
                required.add(name);
            }
        }
        if (random.nextInt(4) > 0) {
            s.put("additionalProperties", false);
        }
        if (random.nextBoolean()) {
            s.put("description", "generated");
        }
        return s;
    }

    /** Bytes, JSON punctuation and fragments, words, multi-byte characters; 0 is EOS, 1 a special token. */
    public static Vocabulary vocabulary(long seed) {
        Random random = new Random(seed);
        Set<String> texts = new LinkedHashSet<>();
        List<byte[]> tokens = new ArrayList<>();
        tokens.add("<eos>".getBytes(StandardCharsets.UTF_8));
        tokens.add("<|special|>".getBytes(StandardCharsets.UTF_8));
        for (int b = 0; b < 256; b++) {
            tokens.add(new byte[] {(byte) b});
        }
        for (String f : List.of("{", "}", "[", "]", ":", ",", "\"", "{\"", "\"}", "\":", "\":\"", "\",\"", "\", \"",
                "\": ", "},", "],", "}]", "]}", "}}", "true", "false", "null", "nu", "ll", "tr", "ue", "12", "-1", ".5",
                "e+", "0.", "00", "  ", "\n", "\n  ", "\\n", "\\\"", "\\u00e9", "\\u", "é", "ü", "grün", "Zürich",
                "red", "blue", " \"sky", "fixed", "x:y", "\"red\"", "null,", "true}", "1,", "2]", "\": {\"", "\": [",
                "\": \"", "\":{", "\"]", "[\"", "[]", "{}", "\"\"", ",\"", ", ")) {
            texts.add(f);
        }
        for (String name : NAMES) {
            texts.add(name);
            texts.add("\"" + name + "\"");
            texts.add("\"" + name + "\":");
        }
        String letters = "abcdefghijklmnopqrstuvwxyz0123456789 ";
        while (texts.size() < 1200) {
            StringBuilder w = new StringBuilder();
            int len = 2 + random.nextInt(6);
            for (int i = 0; i < len; i++) {
                w.append(letters.charAt(random.nextInt(letters.length())));
            }
            if (random.nextInt(5) == 0) {
                w.insert(random.nextInt(w.length()), "\"{}[],:".charAt(random.nextInt(7)));
            }
            texts.add(w.toString());
        }
        for (String t : texts) {
            tokens.add(t.getBytes(StandardCharsets.UTF_8));
        }
        BitSet special = new BitSet();
        special.set(1);
        BitSet eos = new BitSet();
        eos.set(0);
        return Vocabulary.of(tokens, special, eos);
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
