package dev.guild.runtime.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenAI contract over raw HTTP: response shape, usage, finish reasons, streaming chunks. */
class ChatCompletionsApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String request(String extra) {
        return """
                {"model":"%s","messages":[{"role":"system","content":"You are terse."},
                {"role":"user","content":"Say something about the fox."}],"temperature":0%s}"""
                .formatted(TestServer.MODEL, extra);
    }

    static List<JsonNode> events(String sse) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String block : sse.split("\n\n")) {
            assertThat(block).startsWith("data: ");
            String data = block.substring(6);
            if (!data.equals("[DONE]")) {
                out.add(JSON.readTree(data));
            }
        }
        return out;
    }

    @Test
    void a_completion_has_the_openai_shape_usage_and_finish_reason_length() throws Exception {
        HttpResponse<String> r = server.post("/v1/chat/completions", request(",\"max_tokens\":6"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("id").asText()).startsWith("chatcmpl-");
        assertThat(body.path("model").asText()).isEqualTo(TestServer.MODEL);
        JsonNode choice = body.path("choices").get(0);
        assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(choice.path("message").path("content").isTextual()).isTrue();
        JsonNode usage = body.path("usage");
        assertThat(usage.path("prompt_tokens").asInt()).isGreaterThan(10);
        assertThat(usage.path("total_tokens").asInt())
                .isEqualTo(usage.path("prompt_tokens").asInt() + usage.path("completion_tokens").asInt());
        if (choice.path("finish_reason").asText().equals("length")) {
            assertThat(usage.path("completion_tokens").asInt()).isEqualTo(6);
        } else {
            assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
            assertThat(usage.path("completion_tokens").asInt()).isLessThan(6);
        }
    }

    @Test
    void streaming_gives_the_same_text_as_one_response_and_ends_with_usage_and_done() throws Exception {
        String whole = JSON.readTree(server.post("/v1/chat/completions", request(",\"max_tokens\":12")).body())
                .path("choices").get(0).path("message").path("content").asText();
        HttpResponse<String> r = server.post("/v1/chat/completions",
                request(",\"max_tokens\":12,\"stream\":true,\"stream_options\":{\"include_usage\":true}"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("event-stream"));
        assertThat(r.body()).endsWith("data: [DONE]\n\n");
        List<JsonNode> chunks = events(r.body());
        assertThat(chunks.getFirst().path("choices").get(0).path("delta").path("role").asText()).isEqualTo("assistant");
        StringBuilder text = new StringBuilder();
        String finish = null;
        for (JsonNode c : chunks) {
            assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk");
            for (JsonNode ch : c.path("choices")) {
                text.append(ch.path("delta").path("content").asText(""));
                if (!ch.path("finish_reason").isNull() && !ch.path("finish_reason").isMissingNode()) {
                    finish = ch.path("finish_reason").asText();
                }
            }
        }
        assertThat(text.toString()).isEqualTo(whole);
        assertThat(finish).isIn("stop", "length");
        JsonNode last = chunks.getLast();
        assertThat(last.path("choices")).isEmpty();
        assertThat(last.path("usage").path("completion_tokens").asInt()).isBetween(1, 12);
    }

    @Test
    void a_stop_string_cuts_the_output_and_finishes_with_stop() throws Exception {
        String whole = JSON.readTree(server.post("/v1/chat/completions", request(",\"max_tokens\":12")).body())
                .path("choices").get(0).path("message").path("content").asText();
        assertThat(whole.length()).isGreaterThan(3);
        String stop = whole.substring(2, 4);
        JsonNode body = JSON.readTree(server.post("/v1/chat/completions",
                request(",\"max_tokens\":12,\"stop\":" + JSON.writeValueAsString(stop))).body());
        JsonNode choice = body.path("choices").get(0);
        assertThat(choice.path("message").path("content").asText()).isEqualTo(whole.substring(0, whole.indexOf(stop)));
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void json_schema_response_format_gives_valid_json() throws Exception {
        String schema = """
                {"type":"object","properties":{"ok":{"type":"boolean"},"n":{"type":"integer","minimum":0,"maximum":99}},
                "required":["ok","n"],"additionalProperties":false}""";
        JsonNode body = JSON.readTree(server.post("/v1/chat/completions", request(",\"max_tokens\":60,"
                + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"r\",\"strict\":true,"
                + "\"schema\":" + schema + "}}")).body());
        String content = body.path("choices").get(0).path("message").path("content").asText();
        JsonNode parsed = JSON.readTree(content);
        assertThat(parsed.path("ok").isBoolean()).as(content).isTrue();
        assertThat(parsed.path("n").asInt(-1)).as(content).isBetween(0, 99);
        assertThat(body.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void eight_concurrent_greedy_requests_get_the_same_text_as_each_alone() throws Exception {
        List<String> bodies = new ArrayList<>();
        List<String> alone = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            java.util.SplittableRandom r = new java.util.SplittableRandom(i);
            StringBuilder words = new StringBuilder();
            for (int k = 0; k < 40; k++) {
                words.append((char) ('a' + r.nextInt(26)));
            }
            String b = "{\"model\":\"" + TestServer.MODEL + "\",\"temperature\":0,\"max_tokens\":10,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"" + words + "\"}]}";
            bodies.add(b);
            alone.add(JSON.readTree(server.post("/v1/chat/completions", b).body()).path("choices").get(0)
                    .path("message").path("content").asText());
        }
        List<java.util.concurrent.CompletableFuture<String>> together = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (String b : bodies) {
                together.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return JSON.readTree(server.post("/v1/chat/completions", b).body()).path("choices").get(0)
                                .path("message").path("content").asText();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            for (int i = 0; i < 8; i++) {
                assertThat(together.get(i).get(60, java.util.concurrent.TimeUnit.SECONDS)).as("request %d", i)
                        .isEqualTo(alone.get(i));
            }
        }
        assertThat(alone.stream().distinct().count()).as("different prompts give different texts").isGreaterThan(1);
    }

    @Test
    void models_health_and_metrics_answer() throws Exception {
        JsonNode models = JSON.readTree(server.get("/v1/models").body());
        assertThat(models.path("object").asText()).isEqualTo("list");
        assertThat(models.path("data").get(0).path("id").asText()).isEqualTo(TestServer.MODEL);
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
        server.post("/v1/chat/completions", request(",\"max_tokens\":3"));
        String metrics = server.get("/metrics").body();
        assertThat(metrics).contains("# TYPE guild_queue_depth gauge", "guild_running_sequences ",
                "guild_batch_tokens ", "guild_generation_tokens_per_second ", "guild_time_to_first_token_seconds_count ");
        assertThat(server.metric("guild_time_to_first_token_seconds_count")).isGreaterThanOrEqualTo(1);
        assertThat(server.metric("guild_generation_tokens_total")).isGreaterThanOrEqualTo(1);
    }
}
