package dev.guild.runtime.serve.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** The OpenAI wire shapes the server writes, with explicit JSON names. */
public final class Wire {

    private Wire() {
    }

    public record ErrorBody(@JsonProperty("error") ErrorDetail error) {
    }

    public record ErrorDetail(@JsonProperty("message") String message, @JsonProperty("type") String type,
                              @JsonProperty("param") String param, @JsonProperty("code") String code) {
    }

    public record ModelList(@JsonProperty("object") String object, @JsonProperty("data") List<ModelCard> data) {
    }

    public record ModelCard(@JsonProperty("id") String id, @JsonProperty("object") String object,
                            @JsonProperty("created") long created, @JsonProperty("owned_by") String ownedBy) {
    }

    public record Usage(@JsonProperty("prompt_tokens") int promptTokens,
                        @JsonProperty("completion_tokens") int completionTokens,
                        @JsonProperty("total_tokens") int totalTokens) {
    }

    public record Function(@JsonProperty("name") String name, @JsonProperty("arguments") String arguments) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ToolCall(@JsonProperty("index") Integer index, @JsonProperty("id") String id,
                           @JsonProperty("type") String type, @JsonProperty("function") Function function) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Message(@JsonProperty("role") String role, @JsonProperty("content") String content,
                          @JsonProperty("tool_calls") List<ToolCall> toolCalls) {
    }

    public record Choice(@JsonProperty("index") int index, @JsonProperty("message") Message message,
                         @JsonProperty("finish_reason") String finishReason) {
    }

    public record ChatCompletion(@JsonProperty("id") String id, @JsonProperty("object") String object,
                                 @JsonProperty("created") long created, @JsonProperty("model") String model,
                                 @JsonProperty("choices") List<Choice> choices, @JsonProperty("usage") Usage usage) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delta(@JsonProperty("role") String role, @JsonProperty("content") String content,
                        @JsonProperty("tool_calls") List<ToolCall> toolCalls) {
    }

    public record ChunkChoice(@JsonProperty("index") int index, @JsonProperty("delta") Delta delta,
                              @JsonProperty("finish_reason") String finishReason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Chunk(@JsonProperty("id") String id, @JsonProperty("object") String object,
                        @JsonProperty("created") long created, @JsonProperty("model") String model,
                        @JsonProperty("choices") List<ChunkChoice> choices, @JsonProperty("usage") Usage usage) {
    }
}
