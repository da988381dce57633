package dev.guild.tools;

import java.util.List;

/**
 * Makes tools that need the platform: a database, the artifact store, settings, a clock. Listed in
 * {@code META-INF/services/dev.guild.tools.ToolProvider} and called once per {@link ToolRegistry#load(ClassLoader,
 * ToolEnvironment)} with the environment; no static state.
 *
 * <p>A provider reads and validates its settings here and throws {@link IllegalArgumentException} with the key, the
 * bad value and the fix when they are wrong: the registry then refuses to start. A provider whose tools cannot work
 * in the given environment (no database) returns no tools and says why in {@link #unavailable(ToolEnvironment)}.
 */
public interface ToolProvider {

    /** The tools; each must honour the {@link Tool} contract. */
    List<Tool> tools(ToolEnvironment environment);

    /**
     * The tools this provider makes, described only, for checking workflow definitions where no live resource is
     * (the {@code validate} command: no database, and {@code environment} has none). They must describe exactly what
     * {@link #tools} makes when it can. The default describes {@link #tools}{@code (environment)}; a provider whose
     * tools need a resource the environment lacks overrides it and builds the same tools without touching it.
     */
    default List<ToolDescriptor> descriptors(ToolEnvironment environment) {
        return tools(environment).stream().map(ToolDescriptor::of).toList();
    }

    /**
     * Why this provider gives no tools in {@code environment}, for the start-up log; empty when it gives them.
     * The default says nothing.
     */
    default java.util.Optional<String> unavailable(ToolEnvironment environment) {
        return java.util.Optional.empty();
    }
}
