package dev.guild.workflows.internal.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guild.workflows.internal.expr.Jq;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * {@code call: http} of Serverless Workflow 1.0 ({@code with: {method, endpoint, headers, query, body, output}}),
 * sent through the {@code http_request} tool so that its address policy, size limits and timeouts apply.
 * {@code output} is {@code content} (default: the body, parsed when it is JSON), {@code response}
 * ({status, contentType, content, url}) or {@code raw} (the body as text).
 */
public final class HttpCall {

    /** The tool that sends the request. */
    public static final String TOOL = "http_request";
    static final Set<String> KEYS = Set.of("method", "endpoint", "headers", "query", "body", "output");
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> OUTPUTS = Set.of("content", "response", "raw");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Checks literal fields (expressions are checked when they run); true when nothing is wrong. */
    static boolean check(JsonNode with, String path, DefinitionReader.Problems problems) {
        boolean ok = true;
        for (Iterator<String> it = with.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                problems.add(path + "/" + key, "unknown field '" + key + "' of call: http; allowed: " + new TreeSet<>(KEYS));
                ok = false;
            }
        }
        JsonNode method = with.get("method");
        if (method == null || (!Jq.isExpression(method) && !METHODS.contains(method.asText().toUpperCase(Locale.ROOT)))) {
            problems.add(path + "/method", "is required, one of " + new TreeSet<>(METHODS) + "; got " + TaskParser.describe(method));
            ok = false;
        }
        JsonNode endpoint = with.get("endpoint");
        if (endpoint == null || !(endpoint.isTextual() || endpoint.path("uri").isTextual())) {
            problems.add(path + "/endpoint", "is required: a URL such as https://api.example.org/items or {uri: ...}; got "
                    + TaskParser.describe(endpoint));
            ok = false;
        }
        for (String key : new String[]{"headers", "query"}) {
            JsonNode value = with.get(key);
            if (value != null && !value.isObject() && !Jq.isExpression(value)) {
                problems.add(path + "/" + key, "must be an object of names to values; got " + TaskParser.describe(value));
                ok = false;
            }
        }
        JsonNode output = with.get("output");
        if (output != null && !OUTPUTS.contains(output.asText())) {
            problems.add(path + "/output", "must be one of " + new TreeSet<>(OUTPUTS) + "; got " + output);
            ok = false;
        }
        return ok;
    }

    /** The {@code http_request} arguments for evaluated {@code with}; throws {@link IllegalArgumentException}. */
    public static ObjectNode toolArguments(JsonNode with) {
        ObjectNode arguments = JsonNodeFactory.instance.objectNode();
        String method = with.path("method").asText().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("method must be one of " + new TreeSet<>(METHODS) + "; got " + with.get("method"));
        }
        arguments.put("method", method);
        JsonNode endpoint = with.get("endpoint");
        String url = endpoint == null ? "" : endpoint.isTextual() ? endpoint.asText() : endpoint.path("uri").asText();
        JsonNode query = with.get("query");
        if (query != null && query.isObject() && !query.isEmpty()) {
            StringJoiner joiner = new StringJoiner("&");
            for (Iterator<Map.Entry<String, JsonNode>> it = query.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                joiner.add(URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString(),
                        StandardCharsets.UTF_8));
            }
            url = url + (url.contains("?") ? "&" : "?") + joiner;
        }
        arguments.put("url", url);
        ObjectNode headers = arguments.putObject("headers");
        JsonNode given = with.get("headers");
        if (given != null && given.isObject()) {
            given.fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().isTextual() ? h.getValue().asText() : h.getValue().toString()));
        }
        JsonNode body = with.get("body");
        if (body != null && !body.isNull()) {
            if (body.isTextual()) {
                arguments.put("body", body.asText());
            } else {
                arguments.put("body", body.toString());
                boolean typed = false;
                for (Iterator<String> it = headers.fieldNames(); it.hasNext(); ) {
                    typed |= it.next().equalsIgnoreCase("content-type");
                }
                if (!typed) {
                    headers.put("Content-Type", "application/json");
                }
            }
        }
        return arguments;
    }

    /** The task's output from the tool's {status, contentType, body, truncated, url}. */
    public static JsonNode output(JsonNode with, JsonNode response) {
        String mode = with.path("output").asText("content");
        String body = response.path("body").asText("");
        String contentType = response.path("contentType").asText("");
        JsonNode content = JsonNodeFactory.instance.textNode(body);
        if (!mode.equals("raw") && (contentType.contains("json") || body.startsWith("{") || body.startsWith("["))) {
            try {
                content = JSON.readTree(body);
            } catch (Exception e) {
                // not JSON after all: keep the text
            }
        }
        if (!mode.equals("response")) {
            return content;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("status", response.path("status").asInt());
        out.put("contentType", contentType);
        out.set("content", content);
        out.put("url", response.path("url").asText());
        return out;
    }

    private HttpCall() {
    }
}
