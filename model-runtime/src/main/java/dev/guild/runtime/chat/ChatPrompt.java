package dev.guild.runtime.chat;

import java.util.List;
import java.util.Map;

/**
 * What a chat template renders.
 *
 * @param messages            the conversation
 * @param tools               the tools offered to the model (empty: none, the template sees no {@code tools})
 * @param addGenerationPrompt end with the opening of an assistant turn
 * @param extraVariables      further template variables, e.g. {@code enable_thinking} for Qwen3
 */
public record ChatPrompt(List<ChatMessage> messages, List<ToolDefinition> tools, boolean addGenerationPrompt,
                         Map<String, Object> extraVariables) {
    public ChatPrompt {
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        extraVariables = Map.copyOf(extraVariables);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a chat prompt needs at least one message");
        }
    }

    public static ChatPrompt of(List<ChatMessage> messages, List<ToolDefinition> tools) {
        return new ChatPrompt(messages, tools, true, Map.of());
    }
}
