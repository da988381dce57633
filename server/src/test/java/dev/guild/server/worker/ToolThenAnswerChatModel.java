package dev.guild.server.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test double of the model, a CDI alternative that exists only in the test sources (so production configuration
 * can never reach it). Scripted by the conversation, so any number of runs can use it at once: when the last
 * message is not a tool result, it calls {@code render_template} to greet Ada; when it is, it answers with the
 * rendered text. Counts its calls.
 */
@Alternative
@Priority(1)
@Singleton
public class ToolThenAnswerChatModel implements ChatModel {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ARGUMENTS = "{\"template\":\"Hello, {{name}}! Welcome to Guild.\",\"values\":{\"name\":\"Ada\"}}";

    private final AtomicInteger calls = new AtomicInteger();

    @Override
    public ChatResponse doChat(ChatRequest request) {
        calls.incrementAndGet();
        List<ChatMessage> messages = request.messages();
        ChatMessage last = messages.get(messages.size() - 1);
        if (last instanceof ToolExecutionResultMessage result) {
            return ChatResponse.builder().aiMessage(AiMessage.from(renderedText(result.text())))
                    .tokenUsage(new TokenUsage(20, 8)).finishReason(FinishReason.STOP).build();
        }
        ToolExecutionRequest call = ToolExecutionRequest.builder().id("call_" + messages.size())
                .name("render_template").arguments(ARGUMENTS).build();
        return ChatResponse.builder().aiMessage(AiMessage.from(call))
                .tokenUsage(new TokenUsage(10, 5)).finishReason(FinishReason.TOOL_EXECUTION).build();
    }

    private static String renderedText(String toolResult) {
        try {
            JsonNode node = JSON.readTree(toolResult);
            return node.path("text").asText(toolResult);
        } catch (Exception e) {
            return toolResult;
        }
    }

    public int calls() {
        return calls.get();
    }
}
