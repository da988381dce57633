package dev.guild.runtime.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.FinishReason;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** LangChain4j's own OpenAI clients, unchanged, against the server: tool calls forced by tool_choice required. */
class LangChain4jClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;

    private static final ToolSpecification WEATHER = ToolSpecification.builder()
            .name("get_weather")
            .description("Weather forecast for a city")
            .parameters(JsonObjectSchema.builder()
                    .addEnumProperty("city", List.of("Paris", "Oslo", "Lima"))
                    .addBooleanProperty("celsius")
                    .required("city", "celsius")
                    .additionalProperties(false)
                    .build())
            .build();

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ChatRequest forced() {
        return ChatRequest.builder()
                .messages(UserMessage.from("What is the weather in Oslo?"))
                .toolSpecifications(WEATHER)
                .toolChoice(ToolChoice.REQUIRED)
                .build();
    }

    private static void assertValidCall(ToolExecutionRequest call) throws Exception {
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.id()).isNotBlank();
        JsonNode args = JSON.readTree(call.arguments());
        assertThat(args.path("city").asText()).isIn("Paris", "Oslo", "Lima");
        assertThat(args.path("celsius").isBoolean()).as(call.arguments()).isTrue();
    }

    @Test
    void chat_model_gets_a_valid_tool_call_and_the_result_goes_back() throws Exception {
        OpenAiChatModel model = OpenAiChatModel.builder()
                .baseUrl(server.base() + "/v1").apiKey("unused").modelName(TestServer.MODEL)
                .temperature(0.0).maxTokens(120).seed(1).build();
        ChatResponse response = model.chat(forced());
        AiMessage ai = response.aiMessage();
        assertThat(ai.toolExecutionRequests()).hasSize(1);
        assertValidCall(ai.toolExecutionRequests().getFirst());
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
        assertThat(response.tokenUsage().inputTokenCount()).isPositive();

        ToolExecutionRequest call = ai.toolExecutionRequests().getFirst();
        ChatResponse next = model.chat(ChatRequest.builder()
                .messages(UserMessage.from("What is the weather in Oslo?"), ai,
                        ToolExecutionResultMessage.from(call, "{\"temperature\": 3}"))
                .toolSpecifications(WEATHER)
                .maxOutputTokens(8)
                .build());
        assertThat(next.tokenUsage().inputTokenCount()).isGreaterThan(response.tokenUsage().inputTokenCount());
        assertThat(next.finishReason()).isIn(FinishReason.STOP, FinishReason.LENGTH, FinishReason.TOOL_EXECUTION);
    }

    @Test
    void streaming_chat_model_gets_a_valid_tool_call() throws Exception {
        OpenAiStreamingChatModel model = OpenAiStreamingChatModel.builder()
                .baseUrl(server.base() + "/v1").apiKey("unused").modelName(TestServer.MODEL)
                .temperature(0.0).maxTokens(120).seed(1).build();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat(forced(), new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        ChatResponse response = done.get(60, TimeUnit.SECONDS);
        assertThat(response.aiMessage().toolExecutionRequests()).hasSize(1);
        assertValidCall(response.aiMessage().toolExecutionRequests().getFirst());
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
    }
}
