package dev.guild.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * A zero-latency OpenAI-compatible chat-completions server on loopback (the benchmark's stand-in for a model):
 * with {@code toolCall} it answers a conversation without a tool result with one {@code render_template} call and
 * one with a tool result with a final answer; without, it answers every request with the final answer directly.
 */
final class InstantModelServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final boolean toolCall;
    private final LongAdder requests = new LongAdder();
    private final LongAdder rejected = new LongAdder();

    InstantModelServer(boolean toolCall) throws IOException {
        this.toolCall = toolCall;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.createContext("/v1/chat/completions", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    long requests() {
        return requests.sum();
    }

    long rejected() {
        return rejected.sum();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.increment();
            JsonNode request;
            try {
                request = JSON.readTree(exchange.getRequestBody());
            } catch (IOException e) {
                request = null;
            }
            if (request == null || !request.path("messages").isArray()) {
                rejected.increment();
                send(exchange, 400, "{\"error\":{\"message\":\"expected a JSON body with messages\"}}");
                return;
            }
            boolean answered = false;
            for (JsonNode message : request.path("messages")) {
                answered |= "tool".equals(message.path("role").asText());
            }
            ObjectNode message = JSON.createObjectNode().put("role", "assistant");
            String finish = "stop";
            if (toolCall && !answered) {
                message.putNull("content");
                String arguments = "{\"template\":\"done {{x}}\",\"values\":{\"x\":\"1\"}}";
                message.putArray("tool_calls").addObject().put("id", "call_1").put("type", "function")
                        .putObject("function").put("name", "render_template").put("arguments", arguments);
                finish = "tool_calls";
            } else {
                message.put("content", "done");
            }
            ObjectNode response = JSON.createObjectNode().put("id", "chatcmpl-bench").put("object", "chat.completion")
                    .put("created", 0).put("model", request.path("model").asText("bench"));
            response.putArray("choices").addObject().put("index", 0).put("finish_reason", finish).set("message", message);
            response.putObject("usage").put("prompt_tokens", 8).put("completion_tokens", 2).put("total_tokens", 10);
            send(exchange, 200, response.toString());
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
