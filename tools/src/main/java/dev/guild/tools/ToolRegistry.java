package dev.guild.tools;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The tools known to a worker, by name. {@link #load(ClassLoader)} discovers them with {@link ServiceLoader}
 * and refuses, with every problem listed, duplicate names, malformed names, reserved names and invalid schemas.
 */
public final class ToolRegistry {

    /** Names the workflow DSL uses for itself ({@code call: agent}, {@code call: http}, ...). */
    public static final Set<String> RESERVED_NAMES = Set.of("agent", "http", "grpc", "openapi", "asyncapi", "a2a", "mcp");

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private final Map<String, Tool> tools;

    private ToolRegistry(Map<String, Tool> tools) {
        this.tools = Collections.unmodifiableMap(tools);
    }

    /** Tools registered in {@code META-INF/services/dev.guild.tools.Tool} on the class path of {@code loader}. */
    public static ToolRegistry load(ClassLoader loader) {
        List<Tool> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<ServiceLoader.Provider<Tool>> providers;
        try {
            providers = ServiceLoader.load(Tool.class, loader).stream().toList();
        } catch (ServiceConfigurationError e) {
            throw new ToolRegistryException(List.of("META-INF/services/" + Tool.class.getName()
                    + " names a class that cannot be loaded: " + e.getMessage()));
        }
        for (ServiceLoader.Provider<Tool> provider : providers) {
            try {
                found.add(provider.get());
            } catch (RuntimeException | ServiceConfigurationError e) {
                problems.add("tool class " + provider.type().getName() + " cannot be created: " + e.getMessage());
            }
        }
        return of(found, problems);
    }

    /** A registry of exactly these tools (tests, embedding). */
    public static ToolRegistry of(Collection<? extends Tool> tools) {
        return of(tools, new ArrayList<>());
    }

    private static ToolRegistry of(Collection<? extends Tool> tools, List<String> problems) {
        Map<String, Tool> byName = new LinkedHashMap<>();
        for (Tool tool : tools) {
            String name = tool.name();
            String where = "tool '" + name + "' (" + tool.getClass().getName() + ")";
            if (name == null || !NAME.matcher(name).matches()) {
                problems.add(where + ": name must match " + NAME.pattern() + " (lower case, digits, underscores)");
                continue;
            }
            if (RESERVED_NAMES.contains(name)) {
                problems.add(where + ": '" + name + "' is reserved by the workflow DSL " + RESERVED_NAMES
                        + "; choose another name");
                continue;
            }
            Tool previous = byName.putIfAbsent(name, tool);
            if (previous != null) {
                problems.add(where + ": duplicate name, also registered by " + previous.getClass().getName()
                        + "; tool names must be unique, rename one of them");
            }
            if (tool.description() == null || tool.description().isBlank()) {
                problems.add(where + ": description is empty; describe for a model what it does and when to use it");
            }
            for (String problem : ToolSchemas.checkSchema(tool.inputSchema())) {
                problems.add(where + ": invalid input schema: " + problem);
            }
            if (!"object".equals(tool.inputSchema() == null ? null : tool.inputSchema().path("type").asText())) {
                problems.add(where + ": input schema must have \"type\": \"object\" (tool arguments are a JSON object)");
            }
            if (tool.outputSchema() != null) {
                for (String problem : ToolSchemas.checkSchema(tool.outputSchema())) {
                    problems.add(where + ": invalid output schema: " + problem);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ToolRegistryException(problems);
        }
        return new ToolRegistry(byName);
    }

    public Optional<Tool> find(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    /** The tool called {@code name}; the exception lists the registered names. */
    public Tool get(String name) {
        Tool tool = tools.get(name);
        if (tool == null) {
            throw new IllegalArgumentException("no tool named '" + name + "'; registered tools: " + names());
        }
        return tool;
    }

    /** Registered names in registration order. */
    public List<String> names() {
        return List.copyOf(tools.keySet());
    }

    public Collection<Tool> tools() {
        return tools.values();
    }

    /**
     * Validates the call's arguments against the tool's schema and invokes it. An unknown tool or invalid arguments
     * give an error result that says what to change; {@link ToolUnavailableException} passes through.
     */
    public ToolResult invoke(ToolCall call) {
        Tool tool = tools.get(call.toolName());
        if (tool == null) {
            return ToolResult.error("there is no tool named '" + call.toolName() + "'; available tools: " + names());
        }
        List<String> problems = ToolSchemas.validate(tool.inputSchema(), call.arguments());
        if (!problems.isEmpty()) {
            return ToolResult.error("arguments of '" + tool.name() + "' do not match its input schema: "
                    + String.join("; ", problems) + ". Fix these and call again.");
        }
        return tool.invoke(call);
    }
}
