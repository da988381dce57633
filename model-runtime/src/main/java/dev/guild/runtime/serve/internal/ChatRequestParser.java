package dev.guild.runtime.serve.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.guild.runtime.chat.ChatMessage;
import dev.guild.runtime.chat.ToolCall;
import dev.guild.runtime.chat.ToolDefinition;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a chat-completions body into a {@link ChatRequest}, checking every field it uses: a wrong type
 * or value is a 400 that names the field (as a JSON path), the value and what is expected. Fields it
 * does not use are ignored, as OpenAI clients send many.
 */
public final class ChatRequestParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatRequestParser() {
    }

    public static ChatRequest parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw ApiException.invalid(null, "the request body is not valid JSON: " + firstLine(e.getMessage())
                    + "; send a JSON object with at least \"model\" and \"messages\"");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.invalid(null, "the request body must be a JSON object, got "
                    + (root == null ? "nothing" : root.getNodeType().name().toLowerCase()));
        }
        String model = text(root, "model", true).orElseThrow();
        List<ToolDefinition> tools = tools(root.get("tools"));
        String toolChoice = "auto";
        Optional<String> named = Optional.empty();
        JsonNode tc = root.get("tool_choice");
        if (tc != null && !tc.isNull()) {
            if (tc.isTextual() && Set.of("auto", "none", "required").contains(tc.asText())) {
                toolChoice = tc.asText();
            } else if (tc.isObject() && tc.path("function").path("name").isTextual()) {
                toolChoice = "function";
                named = Optional.of(tc.path("function").path("name").asText());
            } else {
                throw ApiException.invalid("tool_choice", "tool_choice must be \"auto\", \"none\", \"required\" or"
                        + " {\"type\":\"function\",\"function\":{\"name\":...}}, got " + tc);
            }
            if (!toolChoice.equals("none") && !toolChoice.equals("auto") && tools.isEmpty()) {
                throw ApiException.invalid("tool_choice", "tool_choice is " + tc + " but the request has no tools;"
                        + " add \"tools\" or drop tool_choice");
            }
            String wanted = named.orElse(null);
            if (wanted != null && tools.stream().noneMatch(t -> t.name().equals(wanted))) {
                throw ApiException.invalid("tool_choice.function.name", "tool_choice names the function '"
                        + wanted + "' but no tool has that name; tools: "
                        + tools.stream().map(ToolDefinition::name).toList());
            }
        }
        Optional<JsonNode> schema = Optional.empty();
        boolean jsonObject = false;
        JsonNode rf = root.get("response_format");
        if (rf != null && !rf.isNull()) {
            String type = rf.isObject() ? rf.path("type").asText("") : "";
            switch (type) {
                case "text" -> { }
                case "json_object" -> jsonObject = true;
                case "json_schema" -> {
                    JsonNode s = rf.path("json_schema").path("schema");
                    if (!s.isObject()) {
                        throw ApiException.invalid("response_format.json_schema.schema", "response_format"
                                + " json_schema needs an object at json_schema.schema, got " + s);
                    }
                    schema = Optional.of(s);
                }
                default -> throw ApiException.invalid("response_format.type", "response_format.type must be"
                        + " \"text\", \"json_object\" or \"json_schema\", got " + rf.path("type"));
            }
        }
        Optional<Integer> maxTokens = positiveInt(root, "max_completion_tokens")
                .or(() -> positiveInt(root, "max_tokens"));
        Optional<Float> temperature = number(root, "temperature", 0, 2);
        Optional<Float> topP = number(root, "top_p", 0, 1);
        if (topP.isPresent() && topP.get() == 0f) {
            throw ApiException.invalid("top_p", "top_p must be in (0, 1], got 0");
        }
        Optional<Long> seed = Optional.empty();
        JsonNode sd = root.get("seed");
        if (sd != null && !sd.isNull()) {
            if (!sd.canConvertToLong() || !sd.isIntegralNumber()) {
                throw ApiException.invalid("seed", "seed must be an integer, got " + sd);
            }
            seed = Optional.of(sd.asLong());
        }
        JsonNode n = root.get("n");
        if (n != null && !n.isNull() && !(n.isIntegralNumber() && n.asInt() == 1)) {
            throw ApiException.invalid("n", "this server returns one choice per request: n must be 1, got " + n);
        }
        boolean stream = bool(root, "stream");
        JsonNode so = root.get("stream_options");
        boolean includeUsage = so != null && so.isObject() && bool(so, "include_usage");
        return new ChatRequest(model, messages(root.get("messages")), tools, toolChoice, named, schema, jsonObject,
                maxTokens, temperature, topP, seed, stop(root.get("stop")), stream, includeUsage);
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
    }

    private static List<ChatMessage> messages(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw ApiException.invalid("messages", "messages must be a non-empty array of {\"role\",\"content\"}"
                    + " objects, got " + (node == null ? "nothing" : abbreviate(node)));
        }
        List<ChatMessage> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "messages[" + i + "]";
            JsonNode m = node.get(i);
            if (!m.isObject()) {
                throw ApiException.invalid(at, at + " must be an object, got " + abbreviate(m));
            }
            String role = text(m, "role", true, at).orElseThrow();
            if (role.equals("developer")) {
                role = "system";
            }
            if (!ChatMessage.ROLES.contains(role)) {
                throw ApiException.invalid(at + ".role", at + ".role must be one of " + ChatMessage.ROLES + ", got '"
                        + role + "'");
            }
            Optional<String> content = content(m.get("content"), at + ".content");
            List<ToolCall> calls = new ArrayList<>();
            JsonNode tcs = m.get("tool_calls");
            if (tcs != null && !tcs.isNull()) {
                if (!tcs.isArray() || !role.equals("assistant")) {
                    throw ApiException.invalid(at + ".tool_calls", at + ".tool_calls must be an array on an"
                            + " assistant message, got " + abbreviate(tcs) + " on a '" + role + "' message");
                }
                for (int j = 0; j < tcs.size(); j++) {
                    String cat = at + ".tool_calls[" + j + "]";
                    JsonNode c = tcs.get(j);
                    String id = text(c, "id", true, cat).orElseThrow();
                    String name = text(c.path("function"), "name", true, cat + ".function").orElseThrow();
                    String args = text(c.path("function"), "arguments", false, cat + ".function").orElse("{}");
                    calls.add(new ToolCall(id, name, args));
                }
            }
            Optional<String> toolCallId = text(m, "tool_call_id", role.equals("tool"), at);
            out.add(new ChatMessage(role, content, calls, toolCallId, text(m, "name", false, at)));
        }
        return out;
    }

    private static Optional<String> content(JsonNode c, String at) {
        if (c == null || c.isNull()) {
            return Optional.empty();
        }
        if (c.isTextual()) {
            return Optional.of(c.asText());
        }
        if (c.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : c) {
                if (!part.path("type").asText().equals("text") || !part.path("text").isTextual()) {
                    throw ApiException.invalid(at, at + " parts must be {\"type\":\"text\",\"text\":...}; this"
                            + " server takes text only, got " + abbreviate(part));
                }
                sb.append(part.get("text").asText());
            }
            return Optional.of(sb.toString());
        }
        throw ApiException.invalid(at, at + " must be a string or an array of text parts, got " + abbreviate(c));
    }

    private static List<ToolDefinition> tools(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ApiException.invalid("tools", "tools must be an array, got " + abbreviate(node));
        }
        List<ToolDefinition> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "tools[" + i + "]";
            JsonNode t = node.get(i);
            if (!t.path("type").asText("function").equals("function") || !t.path("function").isObject()) {
                throw ApiException.invalid(at, at + " must be {\"type\":\"function\",\"function\":{\"name\",...}},"
                        + " got " + abbreviate(t));
            }
            JsonNode f = t.get("function");
            String name = text(f, "name", true, at + ".function").orElseThrow();
            if (!names.add(name)) {
                throw ApiException.invalid(at + ".function.name", "tool name '" + name + "' appears twice");
            }
            JsonNode params = f.get("parameters");
            if (params != null && !params.isNull() && !params.isObject()) {
                throw ApiException.invalid(at + ".function.parameters", at + ".function.parameters must be a JSON"
                        + " schema object, got " + abbreviate(params));
            }
            JsonNode schema = params == null || params.isNull()
                    ? JSON.createObjectNode().put("type", "object") : params;
            out.add(new ToolDefinition(name, text(f, "description", false, at + ".function"), schema));
        }
        return out;
    }

    private static List<String> stop(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (node.isTextual()) {
            out.add(node.asText());
        } else if (node.isArray() && node.size() <= 4) {
            for (JsonNode s : node) {
                if (!s.isTextual()) {
                    throw ApiException.invalid("stop", "stop must be a string or an array of up to 4 strings, got "
                            + abbreviate(node));
                }
                out.add(s.asText());
            }
        } else {
            throw ApiException.invalid("stop", "stop must be a string or an array of up to 4 strings, got "
                    + abbreviate(node));
        }
        if (out.stream().anyMatch(String::isEmpty)) {
            throw ApiException.invalid("stop", "stop strings must not be empty, got " + node);
        }
        return out;
    }

    private static Optional<String> text(JsonNode parent, String field, boolean required) {
        return text(parent, field, required, "");
    }

    private static Optional<String> text(JsonNode parent, String field, boolean required, String at) {
        String path = at.isEmpty() ? field : at + "." + field;
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw ApiException.invalid(path, path + " is required (a string)");
            }
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw ApiException.invalid(path, path + " must be a string, got " + kind(v) + " " + abbreviate(v));
        }
        return Optional.of(v.asText());
    }

    private static Optional<Integer> positiveInt(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 1) {
            throw ApiException.invalid(field, field + " must be an integer >= 1, got " + kind(v) + " " + abbreviate(v));
        }
        return Optional.of(v.asInt());
    }

    private static Optional<Float> number(JsonNode root, String field, float min, float max) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isNumber() || v.asDouble() < min || v.asDouble() > max) {
            throw ApiException.invalid(field, field + " must be a number in [" + min + ", " + max + "], got "
                    + kind(v) + " " + abbreviate(v));
        }
        return Optional.of((float) v.asDouble());
    }

    private static boolean bool(JsonNode parent, String field) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw ApiException.invalid(field, field + " must be true or false, got " + kind(v) + " " + abbreviate(v));
        }
        return v.asBoolean();
    }

    private static String kind(JsonNode v) {
        return v.getNodeType() == JsonNodeType.POJO ? "object" : v.getNodeType().name().toLowerCase();
    }

    private static String abbreviate(JsonNode v) {
        String s = v.toString();
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
