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
    private static final Set<String> TOP_LEVEL = Set.of("document", "input", "do", "schedule");
    private static final Set<String> TOP_LEVEL_LATER = Set.of("use", "timeout", "output", "evaluate");
    private static final Set<String> TASK_TYPES = Set.of("set", "call");
    private static final Set<String> TASK_TYPES_LATER =
            Set.of("do", "fork", "for", "switch", "try", "wait", "raise", "emit", "listen", "run");
    private static final Set<String> TASK_FIELDS_LATER = Set.of("if", "input", "output", "export", "then", "timeout");
    private static final Set<String> CALLS_LATER = Set.of("http", "grpc", "openapi", "asyncapi", "a2a", "mcp");

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
                problem("/" + key, "unknown top-level field '" + key + "'; allowed: [do, document, input, schedule]");
            }
        }
        document(root.get("document"));
        input(root.get("input"));
        tasks(root.get("do"));
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

    private void input(JsonNode input) {
        if (input == null) {
            return;
        }
        if (!input.isObject()) {
            problem("/input", "must be an object {schema: {format: json, document: <JSON Schema>}}; got " + input.getNodeType());
            return;
        }
        for (Iterator<String> it = input.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("schema")) {
                problem("/input/" + key, "'input." + key + "' is not supported by Guild's profile yet; only 'schema'");
            }
        }
        JsonNode schema = input.get("schema");
        if (schema == null) {
            return;
        }
        if (!schema.isObject()) {
            problem("/input/schema", "must be an object {format: json, document: <JSON Schema>}");
            return;
        }
        if (schema.has("format") && !"json".equals(schema.get("format").asText())) {
            problem("/input/schema/format", "only 'json' (JSON Schema) is supported; got " + schema.get("format"));
        }
        if (schema.has("resource")) {
            problem("/input/schema/resource", "external schemas are not supported; inline the schema under 'document'");
        }
        JsonNode document = schema.get("document");
        if (document == null) {
            if (!schema.has("resource")) {
                problem("/input/schema", "'document' is required: the JSON Schema of the workflow input");
            }
            return;
        }
        for (String message : ToolSchemas.checkSchema(document)) {
            problem("/input/schema/document", "invalid JSON Schema: " + message);
        }
    }

    private void tasks(JsonNode tasks) {
        if (tasks == null || !tasks.isArray() || tasks.isEmpty()) {
            problem("/do", "'do' is required: a non-empty list of tasks, each '- <name>: {<type>: ...}'");
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < tasks.size(); i++) {
            String path = "/do/" + i;
            JsonNode item = tasks.get(i);
            if (!item.isObject() || item.size() != 1) {
                problem(path, "each task is a mapping with exactly one key, its name (- greet: {call: ...}); got "
                        + (item.isObject() ? item.size() + " keys" : item.getNodeType().toString()));
                continue;
            }
            Map.Entry<String, JsonNode> entry = item.fields().next();
            String name = entry.getKey();
            path = path + "/" + name;
            if (!names.add(name)) {
                problem(path, "duplicate task name '" + name + "'; task names must be unique");
            }
            task(name, entry.getValue(), path);
        }
    }

    private void task(String name, JsonNode body, String path) {
        if (body == null || !body.isObject()) {
            problem(path, "task '" + name + "' must be a mapping with its type, e.g. {call: render_template}");
            return;
        }
        List<String> types = new ArrayList<>();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (TASK_TYPES.contains(key)) {
                types.add(key);
            } else if (TASK_TYPES_LATER.contains(key)) {
                problem(path + "/" + key, "task type '" + key + "' is not supported by Guild's profile yet;"
                        + " supported: " + TASK_TYPES.stream().sorted().toList());
                types.add(key);
            } else if (TASK_FIELDS_LATER.contains(key)) {
                problem(path + "/" + key, "'" + key + "' on tasks is not supported by Guild's profile yet; remove it");
            } else if (!key.equals("with") && !key.equals("metadata")) {
                problem(path + "/" + key, "unknown task type or field '" + key + "'; supported task types: "
                        + TASK_TYPES.stream().sorted().toList());
            }
        }
        if (types.isEmpty()) {
            problem(path, "task '" + name + "' has no type; add one of " + TASK_TYPES.stream().sorted().toList());
            return;
        }
        if (types.size() > 1) {
            problem(path, "task '" + name + "' has several types " + types + "; give it exactly one");
            return;
        }
        if (types.getFirst().equals("set")) {
            if (body.has("with")) {
                problem(path + "/with", "'with' belongs to 'call' tasks; a 'set' task has none");
            }
            JsonNode set = body.get("set");
            if (!set.isObject() && !Jq.isExpression(set)) {
                problem(path + "/set", "must be an object or an expression ${ ... }; got " + set);
            }
            expressions(set, path + "/set");
        } else if (types.getFirst().equals("call")) {
            call(body, path);
        }
    }

    private void call(JsonNode body, String path) {
        JsonNode call = body.get("call");
        JsonNode with = body.get("with");
        if (!call.isTextual() || call.asText().isBlank()) {
            problem(path + "/call", "must be 'agent' or a tool name; got " + call);
            return;
        }
        String target = call.asText();
        if (with != null && !with.isObject()) {
            problem(path + "/with", "must be an object of arguments; got " + with.getNodeType());
            return;
        }
        if (with != null) {
            expressions(with, path + "/with");
        }
        if (target.equals("agent")) {
            List<AgentArguments.Problem> agentProblems = new ArrayList<>();
            AgentArguments.parse(path.substring(path.lastIndexOf('/') + 1), with, name -> tools.find(name).isPresent(),
                    agentProblems);
            for (AgentArguments.Problem p : agentProblems) {
                String message = p.message().startsWith("unknown tool")
                        ? p.message() + "; registered tools: " + tools.names() : p.message();
                problem(path + "/with" + p.path(), message);
            }
            return;
        }
        if (CALLS_LATER.contains(target)) {
            problem(path + "/call", "'call: " + target + "' is not supported by Guild's profile yet; call a tool by"
                    + " its name or 'agent'");
            return;
        }
        Tool tool = tools.find(target).orElse(null);
        if (tool == null) {
            problem(path + "/call", "unknown tool '" + target + "'; registered tools: " + tools.names()
                    + " (or 'agent' to run an agent)");
            return;
        }
        JsonNode approval = body.path("metadata").get("approval");
        if (approval != null) {
            List<AgentArguments.Problem> approvalProblems = new ArrayList<>();
            ApprovalPolicies.parse(approval, "", target, name -> true, approvalProblems);
            approvalProblems.forEach(p -> problem(path + "/metadata/approval" + p.path(), p.message()));
        }
        if (with != null && !containsExpression(with)) {
            for (String message : ToolSchemas.validate(tool.inputSchema(), with)) {
                problem(path + "/with", "arguments do not match the input schema of '" + target + "': " + message);
            }
        }
    }

    private void expressions(JsonNode node, String path) {
        if (node.isTextual()) {
            String text = node.asText().strip();
            if (text.startsWith("${")) {
                String problem = Jq.problemWith(text);
                if (problem != null) {
                    problem(path, "bad expression " + node.asText() + ": " + problem);
                }
            }
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                expressions(field.getValue(), path + "/" + field.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                expressions(node.get(i), path + "/" + i);
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
