package dev.guild.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guild.tools.internal.DescribedTool;

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
    private final List<String> unavailable;

    private ToolRegistry(Map<String, Tool> tools, List<String> unavailable) {
        this.tools = Collections.unmodifiableMap(tools);
        this.unavailable = List.copyOf(unavailable);
    }

    /**
     * Tools registered in {@code META-INF/services/dev.guild.tools.Tool} on the class path of {@code loader}; no
     * {@link ToolProvider} is asked (they need an environment: see {@link #load(ClassLoader, ToolEnvironment)}).
     */
    public static ToolRegistry load(ClassLoader loader) {
        List<String> problems = new ArrayList<>();
        List<Tool> found = new ArrayList<>(loadServices(Tool.class, loader, problems));
        return of(found, problems, List.of());
    }

    /**
     * The tools of {@link #load(ClassLoader)} plus those of every {@link ToolProvider} in
     * {@code META-INF/services/dev.guild.tools.ToolProvider}, each given {@code environment}.
     *
     * @throws ToolRegistryException listing every problem: classes that cannot be created, providers that refuse
     *                               their settings, and everything {@link #of(Collection)} checks
     */
    public static ToolRegistry load(ClassLoader loader, ToolEnvironment environment) {
        List<String> problems = new ArrayList<>();
        List<Tool> found = new ArrayList<>(loadServices(Tool.class, loader, problems));
        List<String> unavailable = new ArrayList<>();
        for (ToolProvider provider : loadServices(ToolProvider.class, loader, problems)) {
            try {
                provider.unavailable(environment).ifPresent(unavailable::add);
                List<Tool> tools = provider.tools(environment);
                if (tools == null) {
                    problems.add("tool provider " + provider.getClass().getName() + " returned null; return a list");
                } else {
                    found.addAll(tools);
                }
            } catch (RuntimeException e) {
                problems.add("tool provider " + provider.getClass().getName() + " failed: " + e.getMessage());
            }
        }
        return of(found, problems, unavailable);
    }

    /**
     * Every tool on the class path, described only, for validating definitions without a live environment: the
     * plain tools and the {@link ToolProvider#descriptors} of every provider, given {@code environment} (which need not
     * have a database). The tools of this registry refuse to run.
     *
     * @throws ToolRegistryException listing every problem, as {@link #load(ClassLoader, ToolEnvironment)}, and
     *                               providers that cannot describe their tools (bad settings)
     */
    public static ToolRegistry describe(ClassLoader loader, ToolEnvironment environment) {
        List<String> problems = new ArrayList<>();
        List<Tool> found = new ArrayList<>(loadServices(Tool.class, loader, problems));
        for (ToolProvider provider : loadServices(ToolProvider.class, loader, problems)) {
            try {
                provider.descriptors(environment).stream().map(DescribedTool::new).forEach(found::add);
            } catch (RuntimeException e) {
                problems.add("tool provider " + provider.getClass().getName() + " cannot describe its tools: "
                        + e.getMessage());
            }
        }
        return of(found, problems, List.of());
    }

    private static <T> List<T> loadServices(Class<T> type, ClassLoader loader, List<String> problems) {
        List<ServiceLoader.Provider<T>> providers;
        try {
            providers = ServiceLoader.load(type, loader).stream().toList();
        } catch (ServiceConfigurationError e) {
            throw new ToolRegistryException(List.of("META-INF/services/" + type.getName()
                    + " names a class that cannot be loaded: " + e.getMessage()));
        }
        List<T> found = new ArrayList<>();
        for (ServiceLoader.Provider<T> provider : providers) {
            try {
                found.add(provider.get());
            } catch (RuntimeException | ServiceConfigurationError e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                problems.add(type.getSimpleName() + " class " + provider.type().getName() + " cannot be created: "
                        + cause.getMessage());
            }
        }
        return found;
    }

    /** A registry of exactly these tools (tests, embedding). */
    public static ToolRegistry of(Collection<? extends Tool> tools) {
        return of(tools, new ArrayList<>(), List.of());
    }

    private static ToolRegistry of(Collection<? extends Tool> tools, List<String> problems, List<String> unavailable) {
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
        for (Tool tool : byName.values()) {
            checkCompensation(tool, byName, problems);
        }
        if (!problems.isEmpty()) {
            throw new ToolRegistryException(problems);
        }
        return new ToolRegistry(byName, unavailable);
    }

    private static void checkCompensation(Tool tool, Map<String, Tool> byName, List<String> problems) {
        Optional<Compensation> declared = tool.compensation();
        if (declared == null || declared.isEmpty()) {
            return;
        }
        Compensation compensation = declared.get();
        String where = "tool '" + tool.name() + "' (" + tool.getClass().getName() + "): compensation '"
                + compensation.tool() + "'";
        if (!tool.sideEffects()) {
            problems.add(where + ": only a tool with side effects has something to undo; drop the compensation"
                    + " or declare sideEffects");
        }
        Tool undo = byName.get(compensation.tool());
        if (undo == null) {
            problems.add(where + " is not registered; register it or name a registered tool: " + byName.keySet());
            return;
        }
        if (!undo.sideEffects()) {
            problems.add(where + " has no side effects, so it cannot undo anything; name a side-effecting tool");
        }
        JsonNode properties = undo.inputSchema().path("properties");
        for (String argument : compensation.arguments().keySet()) {
            if (!properties.has(argument)) {
                problems.add(where + " has no argument '" + argument + "'; its arguments are "
                        + names(properties));
            }
        }
        for (JsonNode required : undo.inputSchema().path("required")) {
            if (!compensation.arguments().containsKey(required.asText())) {
                problems.add(where + " requires argument '" + required.asText()
                        + "', which the compensation does not map from the result; add it");
            }
        }
    }

    private static List<String> names(JsonNode properties) {
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Why providers gave no tools in this environment ({@link ToolProvider#unavailable}), for the start-up log. */
    public List<String> unavailable() {
        return unavailable;
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
