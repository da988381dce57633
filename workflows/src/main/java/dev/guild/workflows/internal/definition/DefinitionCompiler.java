package dev.guild.workflows.internal.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.guild.workflows.approval.ApprovalPolicy;
import io.serverlessworkflow.api.WorkflowFormat;
import io.serverlessworkflow.api.WorkflowReader;
import io.serverlessworkflow.api.types.Workflow;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns definition text into {@link CompiledDefinition}. Two readers take part:
 * <ul>
 *   <li>at load time, {@link #sdkProblem} reads the definition with the Serverless Workflow SDK
 *       ({@code serverlessworkflow-api}, never its reference runtime) and checks it against the specification's
 *       JSON Schema;</li>
 *   <li>{@link #compile} maps the YAML tree of a definition that {@link DefinitionValidator} accepted to Guild's
 *       model. It is light and deterministic, so the workflow calls it on the pinned text on every replay
 *       without holding its thread (the SDK's first use initialises a bean validator for seconds).</li>
 * </ul>
 */
public final class DefinitionCompiler {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

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
        JsonNode document = root.get("document");
        List<CompiledDefinition.Task> tasks = new ArrayList<>();
        for (JsonNode item : root.get("do")) {
            Map.Entry<String, JsonNode> entry = item.fields().next();
            tasks.add(task(entry.getKey(), entry.getValue()));
        }
        JsonNode schema = root.at("/input/schema/document");
        return new CompiledDefinition(document.path("name").asText(), document.path("namespace").asText(),
                document.path("version").asText(), schema.isMissingNode() ? null : schema, tasks);
    }

    private static CompiledDefinition.Task task(String name, JsonNode body) {
        if (body.has("set")) {
            return new CompiledDefinition.SetTask(name, body.get("set"));
        }
        if (body.has("call")) {
            JsonNode with = body.has("with") ? body.get("with") : JsonNodeFactory.instance.objectNode();
            String target = body.get("call").asText();
            return "agent".equals(target)
                    ? new CompiledDefinition.AgentTask(name, with)
                    : new CompiledDefinition.ToolTask(name, target, with, toolApproval(name, target, body));
        }
        throw new IllegalArgumentException("task '" + name + "' is of a type Guild's profile does not run; supported: set, call");
    }

    /** The approval policy of a tool call ({@code metadata.approval}); the validator has checked it. */
    private static ApprovalPolicy toolApproval(String name, String tool, JsonNode body) {
        List<AgentArguments.Problem> problems = new ArrayList<>();
        ApprovalPolicy policy = ApprovalPolicies.parse(body.path("metadata").get("approval"), "/metadata/approval",
                tool, known -> true, problems);
        if (policy == null) {
            throw new IllegalArgumentException("task '" + name + "': metadata.approval: " + problems.stream()
                    .map(p -> p.path() + " " + p.message()).toList() + "; validate the definition before running it");
        }
        return policy;
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
