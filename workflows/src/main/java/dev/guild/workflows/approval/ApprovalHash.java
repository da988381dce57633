package dev.guild.workflows.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * The hash an approval is bound to: {@code sha256:<hex>} of the canonical JSON of
 * {@code {"arguments": <arguments>, "tool": "<name>"}}. Canonical: object keys sorted by code point at every
 * level, no whitespace, strings and numbers as Jackson writes them. Two calls share a hash only when tool name
 * and arguments are equal as JSON (key order and spacing do not matter), so approving one call never approves another.
 */
public final class ApprovalHash {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The hash of a call of {@code tool} with {@code argumentsJson} (a JSON text; blank means {@code {}}). */
    public static String of(String tool, String argumentsJson) {
        JsonNode arguments;
        try {
            arguments = argumentsJson == null || argumentsJson.isBlank()
                    ? JsonNodeFactory.instance.objectNode() : JSON.readTree(argumentsJson);
        } catch (Exception e) {
            // not JSON: bind to the exact text instead, so the hash still pins this call
            arguments = JsonNodeFactory.instance.textNode(argumentsJson);
        }
        return of(tool, arguments);
    }

    public static String of(String tool, JsonNode arguments) {
        ObjectNode call = JsonNodeFactory.instance.objectNode();
        call.set("arguments", canonical(arguments));
        call.put("tool", tool);
        return sha256(call.toString());
    }

    /** A copy of {@code node} with every object's keys sorted. */
    static JsonNode canonical(JsonNode node) {
        if (node == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                keys.add(it.next());
            }
            keys.sort(null);
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            for (String key : keys) {
                sorted.set(key, canonical(node.get(key)));
            }
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(canonical(element)));
            return copy;
        }
        return node;
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM, which every Java SE has", e);
        }
    }

    private ApprovalHash() {
    }
}
