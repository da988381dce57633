package dev.guild.workflows.internal.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.serverlessworkflow.api.WorkflowFormat;
import io.serverlessworkflow.api.WorkflowReader;
import io.serverlessworkflow.api.types.Workflow;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns definition text into {@link CompiledDefinition}. Two readers take part:
 * <ul>
 *   <li>at load time, {@link #sdkProblem} reads the definition with the Serverless Workflow SDK
 *       ({@code serverlessworkflow-api}, never its reference runtime) and checks it against the specification's
 *       JSON Schema;</li>
 *   <li>{@link #compile} maps the YAML tree of a definition that {@link DefinitionValidator} accepted to Guild's
 *       model ({@link #read}, shared with the validator). It is light and deterministic, so the workflow calls it on
 *       the pinned text on every replay without holding its thread (the SDK's first use initialises a bean validator
 *       for seconds).</li>
 * </ul>
 */
public final class DefinitionCompiler {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> USE_SUPPORTED = Set.of("retries", "errors");

    public static CompiledDefinition compile(String text) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("the definition is not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("document").isObject() || !root.path("do").isArray()) {
            throw new IllegalArgumentException("the definition needs 'document' and 'do'; validate it before running it");
        }
        List<String> problems = new ArrayList<>();
        CompiledDefinition definition = read(root, (path, message) -> problems.add(path + ": " + message));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems) + "; validate the definition before running it");
        }
        return definition;
    }

    /** Reads {@code use}, {@code input}, {@code output} and {@code do}, reporting problems (the validator checks the rest). */
    static CompiledDefinition read(JsonNode root, DefinitionReader.Problems problems) {
        Map<String, RetryPolicy> retries = new LinkedHashMap<>();
        Map<String, JsonNode> errors = new LinkedHashMap<>();
        TaskParser parser = new TaskParser(problems, retries, errors);
        JsonNode use = root.get("use");
        if (use != null) {
            if (!use.isObject()) {
                problems.add("/use", "must be an object {retries: {...}, errors: {...}}; got " + TaskParser.describe(use));
            } else {
                for (Iterator<String> it = use.fieldNames(); it.hasNext(); ) {
                    String key = it.next();
                    if (!USE_SUPPORTED.contains(key)) {
                        problems.add("/use/" + key, "'use." + key + "' is not supported by Guild's profile; only use.retries"
                                + " and use.errors (tools are called by name, secrets stay in the platform's configuration)");
                    }
                }
                named(use.get("retries"), "/use/retries", problems).forEach((name, node) -> {
                    RetryPolicy policy = parser.retry(node, "/use/retries/" + name);
                    if (policy != null) {
                        retries.put(name, policy);
                    }
                });
                named(use.get("errors"), "/use/errors", problems).forEach((name, node) -> {
                    if (parser.errorDefinition(node, "/use/errors/" + name)) {
                        errors.put(name, node);
                    }
                });
            }
        }
        DefinitionReader.DataPart input = parser.dataPart(root, "input", "from", "");
        DefinitionReader.DataPart output = parser.dataPart(root, "output", "as", "");
        List<CompiledDefinition.Task> tasks = parser.list(root.get("do"), "/do");
        JsonNode document = root.path("document");
        return new CompiledDefinition(document.path("name").asText(), document.path("namespace").asText(),
                document.path("version").asText(), input.schema(), input.expression(), output.expression(), output.schema(),
                errors, tasks);
    }

    private static Map<String, JsonNode> named(JsonNode node, String path, DefinitionReader.Problems problems) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        if (!node.isObject()) {
            problems.add(path, "must be an object of names to definitions; got " + TaskParser.describe(node));
            return out;
        }
        node.fields().forEachRemaining(field -> out.put(field.getKey(), field.getValue()));
        return out;
    }

    /**
     * Reads the definition with the SDK and checks it against the Serverless Workflow 1.0 JSON Schema bundled with
     * it; returns the SDK's message, or null when it conforms.
     */
    static String sdkProblem(String text) {
        try {
            Workflow workflow = WorkflowReader.validation().read(text, WorkflowFormat.YAML);
            return workflow.getDocument() == null ? "the SDK found no 'document'" : null;
        } catch (IOException | RuntimeException e) {
            return e.getMessage();
        }
    }

    private DefinitionCompiler() {
    }
}
