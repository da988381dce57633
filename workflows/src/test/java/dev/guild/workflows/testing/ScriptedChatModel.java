package dev.guild.workflows.testing;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Test double: answers each chat request with the next scripted reply and records the requests. Tests only. */
public final class ScriptedChatModel implements ChatModel {

    private final List<ChatResponse> script;
    private final AtomicInteger next = new AtomicInteger();
    private final List<ChatRequest> requests = Collections.synchronizedList(new ArrayList<>());

    public ScriptedChatModel(List<ChatResponse> script) {
        this.script = List.copyOf(script);
    }

    public static ScriptedChatModel of(ChatResponse... replies) {
        return new ScriptedChatModel(List.of(replies));
    }

    public static ChatResponse toolCall(String id, String tool, String arguments, int inputTokens, int outputTokens) {
        return ChatResponse.builder()
                .aiMessage(AiMessage.from(ToolExecutionRequest.builder().id(id).name(tool).arguments(arguments).build()))
                .tokenUsage(new TokenUsage(inputTokens, outputTokens))
                .finishReason(FinishReason.TOOL_EXECUTION)
                .build();
    }

    public static ChatResponse answer(String text, int inputTokens, int outputTokens) {
        return ChatResponse.builder()
                .aiMessage(AiMessage.from(text))
                .tokenUsage(new TokenUsage(inputTokens, outputTokens))
                .finishReason(FinishReason.STOP)
                .build();
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        requests.add(request);
        int index = next.getAndIncrement();
        if (index >= script.size()) {
            throw new IllegalStateException("the scripted model has " + script.size()
                    + " replies and was called a " + (index + 1) + ". time");
        }
        return script.get(index);
    }

    public List<ChatRequest> requests() {
        return List.copyOf(requests);
    }

    public int calls() {
        return next.get();
    }
}
