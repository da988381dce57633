package dev.guild.runtime.serve.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guild.runtime.chat.ChatMessage;
import dev.guild.runtime.chat.ToolDefinition;

import java.util.List;
import java.util.Optional;

/**
 * A validated chat-completions request.
 *
 * @param toolChoice     {@code auto}, {@code none}, {@code required}, or {@code function} with {@link #namedTool}
 * @param responseSchema the schema of {@code response_format: json_schema}, or an empty object node for
 *                       {@code json_object}; empty for text
 * @param maxTokens      {@code max_completion_tokens} or {@code max_tokens}; empty when not given
 */
public record ChatRequest(String model, List<ChatMessage> messages, List<ToolDefinition> tools, String toolChoice,
                          Optional<String> namedTool, Optional<JsonNode> responseSchema, boolean jsonObject,
                          Optional<Integer> maxTokens, Optional<Float> temperature, Optional<Float> topP,
                          Optional<Long> seed, List<String> stop, boolean stream, boolean includeUsage) {
}
