package dev.guild.workflows.internal.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.guild.workflows.internal.definition.CompiledDefinition.Common;
import dev.guild.workflows.internal.definition.CompiledDefinition.Task;
import dev.guild.workflows.internal.expr.Jq;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** What reading a definition needs everywhere: problems with paths, expressions, schemas, durations, retry policies, errors. */
abstract class DefinitionReader {

    /** Receives problems at JSON-pointer paths. */
    interface Problems {
        void add(String path, String message);
    }

    /** {@code input}, {@code output} or {@code export}: the transformation ({@code from}/{@code as}) and the schema. */
    record DataPart(JsonNode expression, JsonNode schema) {
    }

    /** Reads {@code owner.<key>} = {@code {<transform>: ..., schema: ...}}; both parts null when absent. */
    DataPart dataPart(JsonNode owner, String key, String transform, String path) {
        JsonNode node = owner.get(key);
        if (node == null) {
            return new DataPart(null, null);
        }
        String at = path + "/" + key;
        Map<String, JsonNode> parts = parts(node, at, Set.of(transform, "schema"));
        return new DataPart(template(parts.get(transform), at + "/" + transform), schema(parts.get("schema"), at + "/schema"));
    }

    static final Set<String> ERROR_FIELDS = Set.of("type", "status", "instance", "title", "detail");

    private final Problems problems;
    private final Map<String, RetryPolicy> retries;
    private int problemCount;

    DefinitionReader(Problems problems, Map<String, RetryPolicy> retries) {
        this.problems = problems;
        this.retries = retries;
    }

    /** {@code input}, {@code output}, {@code export}: an object with the given keys. */
    Map<String, JsonNode> parts(JsonNode node, String path, Set<String> keys) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (!node.isObject()) {
            problem(path, "must be an object with " + new TreeSet<>(keys) + "; got " + describe(node));
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (keys.contains(field.getKey())) {
                out.put(field.getKey(), field.getValue());
            } else {
                problem(path + "/" + field.getKey(), "unknown field '" + field.getKey() + "'; allowed: " + new TreeSet<>(keys));
            }
        }
        return out;
    }

    /** {@code schema: {format: json, document: {...}}}: the document, or null. */
    JsonNode schema(JsonNode schema, String path) {
        if (schema == null) {
            return null;
        }
        if (!schema.isObject()) {
            problem(path, "must be an object {format: json, document: <JSON Schema>}; got " + describe(schema));
            return null;
        }
        if (schema.has("format") && !"json".equals(schema.get("format").asText())) {
            problem(path + "/format", "only 'json' (JSON Schema) is supported; got " + schema.get("format"));
        }
        if (schema.has("resource")) {
            problem(path + "/resource", "external schemas are not supported; inline the schema under 'document'");
            return null;
        }
        JsonNode document = schema.get("document");
        if (document == null) {
            problem(path, "'document' is required: the JSON Schema, inline");
            return null;
        }
        return document;
    }

    /** A value whose {@code ${...}} strings (at any depth) are runtime expressions; each one is compiled. */
    JsonNode template(JsonNode node, String path) {
        if (node == null) {
            return null;
        }
        checkExpressions(node, path);
        return node;
    }

    private void checkExpressions(JsonNode node, String path) {
        if (node.isTextual()) {
            if (node.asText().strip().startsWith("${")) {
                String problem = Jq.problemWith(node.asText());
                if (problem != null) {
                    problem(path, "bad expression " + node.asText() + ": " + problem);
                }
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                checkExpressions(field.getValue(), path + "/" + field.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkExpressions(node.get(i), path + "/" + i);
            }
        }
    }

    /** A runtime expression {@code ${...}} (or, where {@code bare} is true, a jq filter without the braces). */
    String expression(JsonNode node, String path, boolean required) {
        if (node == null) {
            if (required) {
                problem(path, "is required: a runtime expression such as ${ .items }");
            }
            return null;
        }
        if (node.isBoolean()) {
            return "${ " + node.asBoolean() + " }";
        }
        if (!node.isTextual()) {
            problem(path, "must be a runtime expression such as ${ .count > 1 }; got " + describe(node));
            return null;
        }
        String text = node.asText().strip();
        String expression = text.startsWith("${") ? text : "${ " + text + " }";
        String problem = Jq.problemWith(expression);
        if (problem != null) {
            problem(path, "bad expression " + node.asText() + ": " + problem);
            return null;
        }
        return expression;
    }

    /** A retry policy, inline or the name of one in {@code use.retries}. */
    RetryPolicy retry(JsonNode node, String path) {
        if (node.isTextual()) {
            RetryPolicy named = retries.get(node.asText());
            if (named == null) {
                problem(path, "no retry policy named '" + node.asText() + "' in use.retries; defined: "
                        + new TreeSet<>(retries.keySet()));
            }
            return named;
        }
        Map<String, JsonNode> parts = parts(node, path, Set.of("when", "exceptWhen", "delay", "backoff", "limit", "jitter"));
        String when = expression(parts.get("when"), path + "/when", false);
        String exceptWhen = expression(parts.get("exceptWhen"), path + "/exceptWhen", false);
        Duration delay = parts.get("delay") == null ? Duration.ZERO : duration(parts.get("delay"), path + "/delay");
        RetryPolicy.Backoff backoff = RetryPolicy.Backoff.CONSTANT;
        if (parts.get("backoff") != null) {
            Map<String, JsonNode> kinds = parts(parts.get("backoff"), path + "/backoff", Set.of("constant", "linear", "exponential"));
            if (kinds.size() != 1) {
                problem(path + "/backoff", "give exactly one of constant, linear, exponential, e.g. {exponential: {}}");
            } else {
                backoff = RetryPolicy.Backoff.valueOf(kinds.keySet().iterator().next().toUpperCase(Locale.ROOT));
            }
        }
        int maxRetries = -1;
        Duration limitDuration = null;
        if (parts.get("limit") != null) {
            Map<String, JsonNode> limit = parts(parts.get("limit"), path + "/limit", Set.of("attempt", "duration"));
            if (limit.get("attempt") != null) {
                Map<String, JsonNode> attempt = parts(limit.get("attempt"), path + "/limit/attempt", Set.of("count", "duration"));
                JsonNode count = attempt.get("count");
                if (count != null) {
                    if (!count.isIntegralNumber() || count.asInt() < 0 || count.asInt() > 1000) {
                        problem(path + "/limit/attempt/count", "must be a whole number from 0 to 1000; got " + count);
                    } else {
                        maxRetries = count.asInt();
                    }
                }
                if (attempt.get("duration") != null) {
                    problem(path + "/limit/attempt/duration", "a per-attempt duration is not supported by Guild's"
                            + " profile yet; use limit.duration (all retries) instead");
                }
            }
            if (limit.get("duration") != null) {
                limitDuration = duration(limit.get("duration"), path + "/limit/duration");
            }
        }
        if (maxRetries < 0 && limitDuration == null) {
            problem(path + "/limit", "a retry policy needs a limit: limit.attempt.count or limit.duration,"
                    + " else it could retry forever");
        }
        Duration jitterFrom = null;
        Duration jitterTo = null;
        if (parts.get("jitter") != null) {
            Map<String, JsonNode> jitter = parts(parts.get("jitter"), path + "/jitter", Set.of("from", "to"));
            jitterFrom = jitter.get("from") == null ? Duration.ZERO : duration(jitter.get("from"), path + "/jitter/from");
            jitterTo = jitter.get("to") == null ? null : duration(jitter.get("to"), path + "/jitter/to");
            if (jitterTo == null) {
                problem(path + "/jitter/to", "is required: the largest random delay added, e.g. PT1S");
            } else if (jitterFrom != null && jitterTo.compareTo(jitterFrom) < 0) {
                problem(path + "/jitter", "'to' must not be less than 'from'");
            }
        }
        return new RetryPolicy(when, exceptWhen, delay == null ? Duration.ZERO : delay, backoff, maxRetries,
                limitDuration, jitterFrom, jitterTo);
    }

    final Duration duration(JsonNode node, String path) {
        try {
            return Durations.parse(node);
        } catch (IllegalArgumentException e) {
            problem(path, e.getMessage());
            return null;
        }
    }

    /** Checks an error definition {type, status, instance?, title?, detail?}; true when usable. */
    boolean errorDefinition(JsonNode error, String path) {
        int before = problemCount;
        if (!error.isObject()) {
            problem(path, "an error is {type, status, title, detail}; got " + describe(error));
            return false;
        }
        for (Iterator<String> it = error.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!ERROR_FIELDS.contains(key)) {
                problem(path + "/" + key, "unknown field '" + key + "'; allowed: " + new TreeSet<>(ERROR_FIELDS));
            }
        }
        if (!error.has("type")) {
            problem(path + "/type", "is required: a URI such as https://serverlessworkflow.io/spec/1.0.0/errors/runtime");
        }
        JsonNode status = error.get("status");
        if (status == null) {
            problem(path + "/status", "is required: an HTTP-like status code such as 400 or 503");
        } else if (!Jq.isExpression(status) && (!status.isIntegralNumber() || status.asInt() < 100 || status.asInt() > 599)) {
            problem(path + "/status", "must be a status code from 100 to 599; got " + status);
        }
        return problemCount == before;
    }

    final void problem(String path, String message) {
        problemCount++;
        problems.add(path, message);
    }

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return node.isContainerNode() ? node.getNodeType().toString().toLowerCase(Locale.ROOT) : node.toString();
    }
}
