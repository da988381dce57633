package dev.guild.workflows.internal.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guild.agents.AgentLimits;
import dev.guild.agents.AgentSpec;
import dev.guild.agents.ModelSettings;
import dev.guild.tools.ToolSchemas;
import dev.guild.workflows.approval.ApprovalPolicy;
import dev.guild.workflows.internal.expr.Jq;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The {@code with} of {@code call: agent}:
 * <pre>
 * name: greeter                  # optional, defaults to the task name
 * instructions: ...              # required: the system prompt
 * prompt: ${ "Greet " + .name }  # required: the task, a string (other values are sent as JSON)
 * tools: [render_template]       # optional: registered tool names
 * model: {name, temperature, maxOutputTokens}      # optional
 * limits: {maxSteps, maxTokens, deadline: PT2M}    # optional; deadline is an ISO-8601 duration
 * approval: {unattended: [render_template], ...}  # optional; see {@link ApprovalPolicies}
 * outputSchema: {type: object, ...}                # optional: JSON Schema the final answer must match
 * </pre>
 * The same code checks a definition at load time (fields holding expressions are checked when they run) and
 * builds the agent at run time.
 */
public record AgentArguments(AgentSpec spec, String prompt, ApprovalPolicy approval, String outputSchema) {

    static final Set<String> KEYS = Set.of("name", "instructions", "prompt", "tools", "model", "limits", "approval",
            "outputSchema");
    private static final Set<String> MODEL_KEYS = Set.of("name", "temperature", "maxOutputTokens");
    private static final Set<String> LIMIT_KEYS = Set.of("maxSteps", "maxTokens", "deadline");

    /** A problem at a path relative to {@code with}. */
    public record Problem(String path, String message) {
    }

    /** Builds the agent from evaluated arguments; throws with every problem listed. */
    public static AgentArguments from(String taskName, JsonNode with) {
        List<Problem> problems = new ArrayList<>();
        AgentArguments arguments = parse(taskName, with, name -> true, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("agent task '" + taskName + "': " + String.join("; ",
                    problems.stream().map(p -> "with" + p.path() + ": " + p.message()).toList()));
        }
        return arguments;
    }

    /**
     * Checks arguments, skipping fields that hold expressions; returns the agent when every field was literal
     * and valid, else null.
     */
    static AgentArguments parse(String taskName, JsonNode with, Predicate<String> knownTool, List<Problem> problems) {
        if (with == null || !with.isObject()) {
            problems.add(new Problem("", "'call: agent' needs a 'with' object with at least 'instructions' and 'prompt'"));
            return null;
        }
        int before = problems.size();
        unknownKeys(with, KEYS, "", problems);
        boolean literal = true;
        String name = taskName;
        if (with.has("name")) {
            if (Jq.isExpression(with.get("name"))) {
                literal = false;
            } else if (!with.get("name").isTextual() || with.get("name").asText().isBlank()) {
                problems.add(new Problem("/name", "must be a non-empty string; got " + with.get("name")));
            } else {
                name = with.get("name").asText();
            }
        }
        String instructions = null;
        JsonNode instructionsNode = with.get("instructions");
        if (instructionsNode == null) {
            problems.add(new Problem("/instructions", "is required: the agent's system prompt"));
        } else if (Jq.isExpression(instructionsNode)) {
            literal = false;
        } else if (!instructionsNode.isTextual() || instructionsNode.asText().isBlank()) {
            problems.add(new Problem("/instructions", "must be a non-empty string; got " + instructionsNode));
        } else {
            instructions = instructionsNode.asText();
        }
        String prompt = null;
        JsonNode promptNode = with.get("prompt");
        if (promptNode == null || promptNode.isNull()) {
            problems.add(new Problem("/prompt", "is required: the task the agent works on, e.g. ${ \"Greet \" + .name }"));
        } else if (Jq.isExpression(promptNode)) {
            literal = false;
        } else {
            prompt = promptNode.isTextual() ? promptNode.asText() : promptNode.toString();
        }
        List<String> tools = new ArrayList<>();
        JsonNode toolsNode = with.get("tools");
        if (toolsNode != null && !toolsNode.isNull()) {
            if (Jq.isExpression(toolsNode)) {
                literal = false;
            } else if (!toolsNode.isArray()) {
                problems.add(new Problem("/tools", "must be a list of tool names; got " + toolsNode));
            } else {
                for (int i = 0; i < toolsNode.size(); i++) {
                    JsonNode tool = toolsNode.get(i);
                    if (!tool.isTextual()) {
                        problems.add(new Problem("/tools/" + i, "must be a tool name; got " + tool));
                    } else if (!knownTool.test(tool.asText())) {
                        problems.add(new Problem("/tools/" + i, "unknown tool '" + tool.asText() + "'"));
                    } else {
                        tools.add(tool.asText());
                    }
                }
            }
        }
        ModelSettings model = ModelSettings.DEFAULTS;
        JsonNode modelNode = with.get("model");
        if (modelNode != null && !modelNode.isNull()) {
            if (!modelNode.isObject()) {
                problems.add(new Problem("/model", "must be an object {name, temperature, maxOutputTokens}; got " + modelNode));
            } else if (containsExpression(modelNode)) {
                literal = false;
            } else {
                unknownKeys(modelNode, MODEL_KEYS, "/model", problems);
                try {
                    model = new ModelSettings(text(modelNode, "name"),
                            modelNode.has("temperature") ? modelNode.get("temperature").asDouble() : null,
                            modelNode.has("maxOutputTokens") ? modelNode.get("maxOutputTokens").asInt() : null);
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem("/model", e.getMessage()));
                }
            }
        }
        AgentLimits limits = AgentLimits.DEFAULTS;
        JsonNode limitsNode = with.get("limits");
        if (limitsNode != null && !limitsNode.isNull()) {
            if (!limitsNode.isObject()) {
                problems.add(new Problem("/limits", "must be an object {maxSteps, maxTokens, deadline}; got " + limitsNode));
            } else if (containsExpression(limitsNode)) {
                literal = false;
            } else {
                unknownKeys(limitsNode, LIMIT_KEYS, "/limits", problems);
                limits = limits(limitsNode, problems);
            }
        }
        ApprovalPolicy approval = ApprovalPolicy.DEFAULT;
        JsonNode approvalNode = with.get("approval");
        if (approvalNode != null && containsExpression(approvalNode)) {
            problems.add(new Problem("/approval", "must be written out, without expressions: an approval policy is"
                    + " fixed by the definition"));
        } else {
            approval = ApprovalPolicies.parse(approvalNode, "/approval", null, knownTool, problems);
        }
        String outputSchema = null;
        JsonNode schemaNode = with.get("outputSchema");
        if (schemaNode != null && !schemaNode.isNull()) {
            if (!schemaNode.isObject()) {
                problems.add(new Problem("/outputSchema", "must be a JSON Schema object such as {type: object,"
                        + " required: [label], properties: {label: {type: string}}}; got " + schemaNode.getNodeType()));
            } else if (containsExpression(schemaNode)) {
                literal = false;
            } else {
                for (String message : ToolSchemas.checkSchema(schemaNode)) {
                    problems.add(new Problem("/outputSchema", "invalid JSON Schema: " + message));
                }
                outputSchema = schemaNode.toString();
            }
        }
        if (problems.size() > before || !literal || limits == null || approval == null) {
            return null;
        }
        try {
            return new AgentArguments(new AgentSpec(name, instructions, tools, model, limits), prompt, approval, outputSchema);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem("", e.getMessage()));
            return null;
        }
    }

    private static AgentLimits limits(JsonNode node, List<Problem> problems) {
        AgentLimits defaults = AgentLimits.DEFAULTS;
        int before = problems.size();
        long maxSteps = defaults.maxSteps();
        long maxTokens = defaults.maxTokens();
        long deadlineSeconds = defaults.deadlineSeconds();
        if (node.has("maxSteps")) {
            JsonNode value = node.get("maxSteps");
            maxSteps = value.isIntegralNumber() ? value.asLong() : -1;
            if (maxSteps < 1 || maxSteps > AgentLimits.MAX_STEPS_CEILING) {
                problems.add(new Problem("/limits/maxSteps", "must be a whole number from 1 to "
                        + AgentLimits.MAX_STEPS_CEILING + "; got " + value));
            }
        }
        if (node.has("maxTokens")) {
            JsonNode value = node.get("maxTokens");
            maxTokens = value.isIntegralNumber() ? value.asLong() : -1;
            if (maxTokens < 1) {
                problems.add(new Problem("/limits/maxTokens", "must be a whole number of at least 1; got " + value));
            }
        }
        if (node.has("deadline")) {
            JsonNode value = node.get("deadline");
            try {
                deadlineSeconds = Duration.parse(value.asText()).toSeconds();
            } catch (DateTimeParseException e) {
                deadlineSeconds = -1;
            }
            if (deadlineSeconds < 1) {
                problems.add(new Problem("/limits/deadline", "must be an ISO-8601 duration of at least one second,"
                        + " such as PT2M or PT30S; got " + value));
            }
        }
        return problems.size() > before ? null : new AgentLimits((int) maxSteps, maxTokens, deadlineSeconds);
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static boolean containsExpression(JsonNode node) {
        if (Jq.isExpression(node)) {
            return true;
        }
        for (JsonNode child : node) {
            if (containsExpression(child)) {
                return true;
            }
        }
        return false;
    }

    static void unknownKeys(JsonNode node, Set<String> allowed, String path, List<Problem> problems) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            String key = it.next().getKey();
            if (!allowed.contains(key)) {
                problems.add(new Problem(path + "/" + key, "unknown field '" + key + "'; allowed: "
                        + allowed.stream().sorted().toList()));
            }
        }
    }
}
