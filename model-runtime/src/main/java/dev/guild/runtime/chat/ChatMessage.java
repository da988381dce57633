package dev.guild.runtime.chat;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One message of an OpenAI-style conversation.
 *
 * @param role       {@code system}, {@code user}, {@code assistant} or {@code tool}
 * @param content    the text; may be empty for an assistant message that only calls tools
 * @param toolCalls  the calls an assistant message made (empty otherwise)
 * @param toolCallId for a {@code tool} message: the id of the call it answers
 * @param name       optional name (of the tool for a {@code tool} message)
 */
public record ChatMessage(String role, Optional<String> content, List<ToolCall> toolCalls, Optional<String> toolCallId,
                          Optional<String> name) {
    public static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("message role '" + role + "' is not one of " + ROLES);
        }
        toolCalls = List.copyOf(toolCalls);
        if (!toolCalls.isEmpty() && !role.equals("assistant")) {
            throw new IllegalArgumentException("only assistant messages carry tool_calls, not '" + role + "' messages");
        }
    }

    public static ChatMessage system(String content) {
        return new ChatMessage("system", Optional.of(content), List.of(), Optional.empty(), Optional.empty());
    }

    public static ChatMessage user(String content) {
        return new ChatMessage("user", Optional.of(content), List.of(), Optional.empty(), Optional.empty());
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage("assistant", Optional.of(content), List.of(), Optional.empty(), Optional.empty());
    }

    /** An assistant turn that called tools, with optional text before the calls. */
    public static ChatMessage assistantCalls(Optional<String> content, List<ToolCall> calls) {
        return new ChatMessage("assistant", content, calls, Optional.empty(), Optional.empty());
    }

    public static ChatMessage toolResult(String toolCallId, String name, String content) {
        return new ChatMessage("tool", Optional.of(content), List.of(), Optional.of(toolCallId), Optional.of(name));
    }
}
