package dev.guild.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.agents.internal.JsonSchemaConverter;
import dev.guild.tools.Tool;
import dev.guild.tools.ToolRegistry;
import dev.guild.tools.ToolSchemas;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tools one agent may call, with their specifications for the model and the checks on its calls. */
public final class AgentToolbox {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Tool> allowed;
    private final List<ToolSpecification> specifications;

    /**
     * @throws IllegalArgumentException naming every allowed tool that is not registered
     */
    public AgentToolbox(ToolRegistry registry, List<String> allowedTools) {
        Map<String, Tool> tools = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String name : allowedTools) {
            registry.find(name).ifPresentOrElse(tool -> tools.put(name, tool), () -> unknown.add(name));
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown tool(s) " + unknown + " in the agent's allowed tools;"
                    + " registered tools: " + registry.names());
        }
        this.allowed = tools;
        List<ToolSpecification> specs = new ArrayList<>();
        for (Tool tool : tools.values()) {
            specs.add(ToolSpecification.builder()
                    .name(tool.name())
                    .description(tool.description())
                    .parameters(JsonSchemaConverter.toObjectSchema(tool.inputSchema()))
                    .build());
        }
        this.specifications = List.copyOf(specs);
    }

    public List<ToolSpecification> specifications() {
        return specifications;
    }

    public List<String> names() {
        return List.copyOf(allowed.keySet());
    }

    /**
     * Checks one call of the model. Returns null when it is well-formed, otherwise the message that tells the
     * model what was wrong and how to fix it.
     */
    public String problemWith(ToolExecutionRequest request) {
        Tool tool = allowed.get(request.name());
        if (tool == null) {
            return "Error: there is no tool named '" + request.name() + "'. You can call only these tools: "
                    + names() + ". Call one of them or answer without a tool.";
        }
        JsonNode arguments;
        try {
            String text = request.arguments() == null || request.arguments().isBlank() ? "{}" : request.arguments();
            arguments = JSON.readTree(text);
        } catch (Exception e) {
            return "Error: the arguments of your call to '" + tool.name() + "' are not valid JSON ("
                    + firstLine(e.getMessage()) + "); got: " + abbreviate(request.arguments())
                    + ". Send a JSON object that matches the tool's parameters.";
        }
        if (!arguments.isObject()) {
            return "Error: the arguments of your call to '" + tool.name() + "' must be a JSON object; got "
                    + abbreviate(arguments.toString()) + ".";
        }
        List<String> problems = ToolSchemas.validate(tool.inputSchema(), arguments);
        if (!problems.isEmpty()) {
            return "Error: the arguments of your call to '" + tool.name() + "' do not match its parameters: "
                    + String.join("; ", problems) + ". Fix them and call again.";
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "nothing";
        }
        return text.length() <= 200 ? text : text.substring(0, 200) + "... (" + text.length() + " characters)";
    }
}
