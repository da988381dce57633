package dev.guild.tools;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A capability that an agent or a workflow definition can call.
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>{@link #name()} is a stable wire name: lower case, {@code [a-z][a-z0-9_]*}, at most 64 characters.
 *       Workflow definitions refer to it ({@code call: <name>}) and models see it.</li>
 *   <li>{@link #description()} is written for a model: what the tool does, what it returns, when to use it.</li>
 *   <li>{@link #inputSchema()} is a JSON Schema (draft 2020-12) object schema for the arguments; the caller
 *       validates arguments against it before {@link #invoke}.</li>
 *   <li>A tool with {@link #sideEffects()} must return the same result for the same
 *       {@link ToolCall#idempotencyKey()} without repeating the effect, and names in {@link #compensation()} the
 *       call that undoes it when there is one.</li>
 *   <li>{@link #invoke} returns {@link ToolResult#error(String)} for arguments it cannot act on, with a message
 *       that tells a model what to change. It throws {@link ToolUnavailableException} only for infrastructure
 *       faults that a retry may fix (a timeout, a refused connection); any other exception is a bug.</li>
 * </ul>
 * Implementations are discovered with {@link java.util.ServiceLoader} (see {@link ToolRegistry#load}): a tool with a
 * public no-argument constructor is listed in {@code META-INF/services/dev.guild.tools.Tool}; tools that need the
 * platform (a database, the artifact store, settings) are made by a {@link ToolProvider} from a {@link ToolEnvironment}.
 */
public interface Tool {

    String name();

    String description();

    /** JSON Schema of the arguments: an object schema. */
    JsonNode inputSchema();

    /** JSON Schema of {@link ToolResult#output()} when the call succeeds; an empty object means "any JSON". */
    JsonNode outputSchema();

    /** True when a call changes the world (books, sends, writes); such a tool honours the idempotency key. */
    boolean sideEffects();

    /**
     * The call that undoes this tool's effect, with its arguments taken from the successful result; empty when the
     * effect cannot be undone or the tool has none. Only side-effecting tools declare one.
     */
    default java.util.Optional<Compensation> compensation() {
        return java.util.Optional.empty();
    }

    ToolResult invoke(ToolCall call);
}
