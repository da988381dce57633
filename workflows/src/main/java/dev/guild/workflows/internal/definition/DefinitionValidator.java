package dev.guild.workflows.internal.definition;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.guild.tools.Tool;
import dev.guild.tools.ToolRegistry;
import dev.guild.tools.ToolSchemas;
import dev.guild.workflows.definition.DefinitionProblem;
import dev.guild.workflows.definition.WorkflowDefinition;
import dev.guild.workflows.internal.expr.Jq;
import dev.guild.workflows.schedule.DefinitionSchedules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a definition against Guild's profile of Serverless Workflow 1.0 and reports every problem with its path
 * and line: structure, task types, tools, agent arguments, runtime expressions, the input schema.
 */
public final class DefinitionValidator {

    /** Largest definition accepted, in characters. */
    public static final int MAX_DEFINITION_CHARS = 256 * 1024;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Set<String> TOP_LEVEL = Set.of("document", "input", "output", "use", "do", "schedule");
    private static final Set<String> TOP_LEVEL_LATER = Set.of("timeout", "evaluate");

    private final String source;
    private final ToolRegistry tools;
    private final List<DefinitionProblem> problems = new ArrayList<>();
    private YamlLines lines;

    private DefinitionValidator(String source, ToolRegistry tools) {
        this.source = source;
        this.tools = tools;
    }

    /** The validated definition; problems are added to {@code problems} and null returned when it does not validate. */
    public static WorkflowDefinition validate(String source, String text, ToolRegistry tools, List<DefinitionProblem> problems) {
        DefinitionValidator validator = new DefinitionValidator(source, tools);
        WorkflowDefinition definition = validator.run(text);
        problems.addAll(validator.problems);
        return definition;
    }

    private WorkflowDefinition run(String text) {
        if (text.length() > MAX_DEFINITION_CHARS) {
            problem("", 0, "the definition has " + text.length() + " characters, more than the limit of "
                    + MAX_DEFINITION_CHARS + "; split it into smaller workflows");
            return null;
        }
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            problem("", location == null ? 0 : location.getLineNr(), "not valid YAML: " + e.getOriginalMessage());
            return null;
        }
        lines = new YamlLines(text);
        if (root == null || !root.isObject()) {
            problem("", 1, "a definition is a YAML mapping with 'document', 'input' and 'do'; got "
                    + (root == null ? "an empty file" : root.getNodeType()));
            return null;
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (TOP_LEVEL_LATER.contains(key)) {
                problem("/" + key, "'" + key + "' is not supported by Guild's profile yet; remove it");
            } else if (!TOP_LEVEL.contains(key)) {
                problem("/" + key, "unknown top-level field '" + key + "'; allowed: " + new java.util.TreeSet<>(TOP_LEVEL));
            }
        }
        document(root.get("document"));
        CompiledDefinition read = DefinitionCompiler.read(root, this::problem);
        checkSchema(read.inputSchema(), "/input/schema/document");
        checkSchema(read.outputSchema(), "/output/schema/document");
        check(read.tasks());
        DefinitionSchedules.check(root, root.path("document").path("name").asText(""))
                .forEach(p -> problem(p.path(), p.message()));
        if (!problems.isEmpty()) {
            return null;
        }
        String specProblem = DefinitionCompiler.sdkProblem(text);
        if (specProblem != null) {
            problem("", 1, "does not conform to the Serverless Workflow 1.0 schema: " + specProblem);
            return null;
        }
        CompiledDefinition compiled;
        try {
            compiled = DefinitionCompiler.compile(text);
        } catch (IllegalArgumentException e) {
            problem("", 1, e.getMessage());
            return null;
        }
        return new WorkflowDefinition(compiled.name(), compiled.namespace(), compiled.version(), source, text,
                WorkflowDefinition.hashOf(text), compiled.inputSchema());
    }

    private void document(JsonNode document) {
        if (document == null || !document.isObject()) {
            problem("/document", "'document' is required: {dsl: '1.0.0', namespace, name, version}");
            return;
        }
        JsonNode dsl = document.get("dsl");
        if (dsl == null || !dsl.isTextual() || !dsl.asText().startsWith("1.0")) {
            problem("/document/dsl", "must be a Serverless Workflow 1.0 version such as '1.0.0'; got "
                    + (dsl == null ? "nothing" : dsl));
        }
        for (String field : List.of("namespace", "name")) {
            JsonNode value = document.get(field);
            if (value == null || !value.isTextual() || !NAME.matcher(value.asText()).matches()) {
                problem("/document/" + field, "must be lower-case letters, digits and '-' (e.g. 'hello-agent'); got "
                        + (value == null ? "nothing" : value));
            }
        }
        JsonNode version = document.get("version");
        if (version == null || !version.isTextual() || version.asText().isBlank()) {
            problem("/document/version", "is required, a semantic version such as '1.0.0' (quote it in YAML); got "
                    + (version == null ? "nothing" : version));
        }
    }

    /** Tools, agent arguments and schemas of every task, nested ones included. */
    private void check(List<CompiledDefinition.Task> tasks) {
        for (CompiledDefinition.Task task : tasks) {
            CompiledDefinition.Common common = task.common();
            String path = common.reference();
            checkSchema(common.inputSchema(), path + "/input/schema/document");
            checkSchema(common.outputSchema(), path + "/output/schema/document");
            checkSchema(common.exportSchema(), path + "/export/schema/document");
            switch (task) {
                case CompiledDefinition.ToolTask call -> tool(call, path);
                case CompiledDefinition.HttpTask http -> {
                    if (tools.find(HttpCall.TOOL).isEmpty()) {
                        problem(path + "/call", "'call: http' needs the " + HttpCall.TOOL + " tool, which is not registered;"
                                + " registered tools: " + tools.names());
                    }
                }
                case CompiledDefinition.AgentTask agent -> {
                    List<AgentArguments.Problem> agentProblems = new ArrayList<>();
                    AgentArguments.parse(task.name(), agent.with(), name -> tools.find(name).isPresent(), agentProblems);
                    for (AgentArguments.Problem p : agentProblems) {
                        String message = p.message().startsWith("unknown tool")
                                ? p.message() + "; registered tools: " + tools.names() : p.message();
                        problem(path + "/with" + p.path(), message);
                    }
                }
                case CompiledDefinition.DoTask d -> check(d.tasks());
                case CompiledDefinition.ForTask f -> check(f.tasks());
                case CompiledDefinition.ForkTask f -> check(f.branches());
                case CompiledDefinition.TryTask t -> {
                    check(t.tasks());
                    check(t.handler().tasks());
                }
                default -> {
                }
            }
        }
    }

    private void tool(CompiledDefinition.ToolTask call, String path) {
        Tool tool = tools.find(call.tool()).orElse(null);
        if (tool == null) {
            problem(path + "/call", "unknown tool '" + call.tool() + "'; registered tools: " + tools.names()
                    + " (or 'agent' to run an agent, 'http' for an HTTP request)");
            return;
        }
        if (!containsExpression(call.with())) {
            for (String message : ToolSchemas.validate(tool.inputSchema(), call.with())) {
                problem(path + "/with", "arguments do not match the input schema of '" + call.tool() + "': " + message);
            }
        }
    }

    private void checkSchema(JsonNode schema, String path) {
        if (schema != null) {
            for (String message : ToolSchemas.checkSchema(schema)) {
                problem(path, "invalid JSON Schema: " + message);
            }
        }
    }

    private static boolean containsExpression(JsonNode node) {
        if (node.isTextual()) {
            return node.asText().strip().startsWith("${");
        }
        for (JsonNode child : node) {
            if (containsExpression(child)) {
                return true;
            }
        }
        return false;
    }

    private void problem(String path, String message) {
        problem(path, lines == null ? 0 : lines.lineOf(path), message);
    }

    private void problem(String path, int line, String message) {
        problems.add(new DefinitionProblem(source, path.isEmpty() ? "/" : path, line, message));
    }
}
