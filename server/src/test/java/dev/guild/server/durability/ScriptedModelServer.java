package dev.guild.server.durability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test double of an external model API: a local server speaking the OpenAI chat-completions protocol
 * ({@code POST /v1/chat/completions}, non-streaming). Its script: a conversation without a tool result gets one tool
 * call of {@code http_request} (a POST to {@code toolUrl}); a conversation with a tool result gets the final answer
 * {@link #FINAL_ANSWER}. It counts how often it served each.
 */
final class ScriptedModelServer implements AutoCloseable {
    static final String FINAL_ANSWER = "Order booked; the booking service confirmed it.";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String toolUrl;
    private final AtomicInteger toolCallsServed = new AtomicInteger();
    private final AtomicInteger finalAnswersServed = new AtomicInteger();
    private final AtomicInteger badRequests = new AtomicInteger();

    ScriptedModelServer(String toolUrl) throws IOException {
        this.toolUrl = toolUrl;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** The value for {@code guild.model.base-url}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    int toolCallsServed() {
        return toolCallsServed.get();
    }

    int finalAnswersServed() {
        return finalAnswersServed.get();
    }

    int badRequests() {
        return badRequests.get();
    }

    String counts() {
        return "model server: " + toolCallsServed + " tool-call answer(s), " + finalAnswersServed
                + " final answer(s), " + badRequests + " bad request(s)";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request;
            try {
                request = JSON.readTree(exchange.getRequestBody());
            } catch (IOException e) {
                request = null;
            }
            if (!"POST".equals(exchange.getRequestMethod()) || request == null || !request.path("messages").isArray()) {
                badRequests.incrementAndGet();
                JsonExchanges.respond(exchange, 400, "{\"error\":{\"message\":\"expected a POST with a JSON body that has messages\"}}");
                return;
            }
            boolean hasToolResult = false;
            for (JsonNode message : request.path("messages")) {
                hasToolResult |= "tool".equals(message.path("role").asText());
            }
            ObjectNode message = JSON.createObjectNode().put("role", "assistant");
            String finishReason;
            if (hasToolResult) {
                finalAnswersServed.incrementAndGet();
                message.put("content", FINAL_ANSWER);
                finishReason = "stop";
            } else {
                toolCallsServed.incrementAndGet();
                message.putNull("content");
                ObjectNode arguments = JSON.createObjectNode().put("method", "POST").put("url", toolUrl)
                        .put("body", "{\"book\":true}");
                ArrayNode calls = message.putArray("tool_calls");
                calls.addObject().put("id", "call_book").put("type", "function").putObject("function")
                        .put("name", "http_request").put("arguments", arguments.toString());
                finishReason = "tool_calls";
            }
            ObjectNode response = JSON.createObjectNode().put("id", "chatcmpl-scripted").put("object", "chat.completion")
                    .put("created", 0).put("model", request.path("model").asText("scripted"));
            response.putArray("choices").addObject().put("index", 0).put("finish_reason", finishReason)
                    .set("message", message);
            response.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 5).put("total_tokens", 15);
            JsonExchanges.respond(exchange, 200, response.toString());
        }
    }


    @Override
    public void close() {
        server.stop(0);
    }
}
