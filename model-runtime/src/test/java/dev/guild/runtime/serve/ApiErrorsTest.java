package dev.guild.runtime.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every error of the API in OpenAI's shape with its status, plus overload (429) and disconnect cancellation. */
class ApiErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode error(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode e = JSON.readTree(r.body()).path("error");
        assertThat(e.path("message").isTextual()).isTrue();
        assertThat(e.path("type").isTextual()).isTrue();
        assertThat(e.has("param")).isTrue();
        assertThat(e.has("code")).isTrue();
        return e;
    }

    private static String body(String messages, String extra) {
        return "{\"model\":\"" + TestServer.MODEL + "\",\"messages\":" + messages + extra + "}";
    }

    private static final String HELLO = "[{\"role\":\"user\",\"content\":\"hello\"}]";

    @Test
    void bad_requests_get_400_404_or_413_naming_what_was_wrong() throws Exception {
        try (TestServer s = new TestServer()) {
            String path = "/v1/chat/completions";
            assertThat(error(s.post(path, "{\"model\": \"x\", \"messages\": ["), 400).path("message").asText())
                    .contains("not valid JSON");
            JsonNode e = error(s.post(path, body(HELLO, ",\"temperature\":\"hot\"")), 400);
            assertThat(e.path("param").asText()).isEqualTo("temperature");
            assertThat(e.path("message").asText()).contains("temperature", "\"hot\"");
            e = error(s.post(path, body(HELLO, ",\"max_tokens\":-3")), 400);
            assertThat(e.path("param").asText()).isEqualTo("max_tokens");
            e = error(s.post(path, body("[{\"role\":\"user\",\"content\":42}]", "")), 400);
            assertThat(e.path("param").asText()).isEqualTo("messages[0].content");
            e = error(s.post(path, body("[{\"role\":\"robot\",\"content\":\"hi\"}]", "")), 400);
            assertThat(e.path("message").asText()).contains("robot");
            e = error(s.post(path, "{\"model\":\"" + TestServer.MODEL + "\"}"), 400);
            assertThat(e.path("param").asText()).isEqualTo("messages");
            e = error(s.post(path, body(HELLO, ",\"stream\":\"yes\"")), 400);
            assertThat(e.path("param").asText()).isEqualTo("stream");
            e = error(s.post(path, body(HELLO, ",\"tool_choice\":\"required\"")), 400);
            assertThat(e.path("message").asText()).contains("no tools");

            e = error(s.post(path, body(HELLO, "").replace(TestServer.MODEL, "gpt-9")), 404);
            assertThat(e.path("code").asText()).isEqualTo("model_not_found");
            assertThat(e.path("message").asText()).contains("gpt-9", TestServer.MODEL);

            String longText = "xq".repeat(2500); // ~5000 tokens: byte-level pieces the tiny vocabulary does not merge
            e = error(s.post(path, body("[{\"role\":\"user\",\"content\":\"" + longText + "\"}]", "")), 400);
            assertThat(e.path("code").asText()).isEqualTo("context_length_exceeded");
            assertThat(e.path("message").asText()).containsPattern("prompt has \\d+ tokens").contains("4096");

            String huge = "a".repeat(70 * 1024);
            e = error(s.post(path, body("[{\"role\":\"user\",\"content\":\"" + huge + "\"}]", "")), 413);
            assertThat(e.path("message").asText()).contains("larger than");

            error(s.get("/v1/nothing"), 404);
        }
    }

    @Test
    void overload_answers_429_with_retry_after_and_a_disconnect_cancels_and_frees_the_sequence() throws Exception {
        SchedulerConfig busy = SchedulerConfig.DEFAULTS.withMaxSequences(1).withMaxQueued(0);
        try (TestServer s = new TestServer(busy, ServerConfig.DEFAULTS)) {
            String streamed = body(HELLO, ",\"temperature\":0,\"max_tokens\":3000,\"stream\":true");
            try (Socket socket = new Socket("127.0.0.1", s.server.port())) {
                byte[] payload = streamed.getBytes(StandardCharsets.UTF_8);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + payload.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(payload);
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                assertThat(in.readLine()).startsWith("HTTP/1.1 200");
                String line;
                int data = 0;
                while ((line = in.readLine()) != null && data < 3) {
                    if (line.startsWith("data: ")) {
                        data++;
                    }
                }
                assertThat(data).as("the stream has started").isEqualTo(3);
                assertThat(s.metric("guild_running_sequences")).isEqualTo(1);

                HttpResponse<String> rejected = s.post("/v1/chat/completions", body(HELLO, ",\"max_tokens\":5"));
                JsonNode e = error(rejected, 429);
                assertThat(Integer.parseInt(rejected.headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 600);
                assertThat(e.path("message").asText()).contains("busy");
                assertThat(s.metric("guild_requests_total{outcome=\"rejected\"}")).isEqualTo(1);
            }
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (s.metric("guild_running_sequences") > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(s.metric("guild_running_sequences")).isZero();
            assertThat(s.metric("guild_kv_reserved_tokens")).isZero();
            assertThat(s.metric("guild_requests_total{outcome=\"cancelled\"}")).isEqualTo(1);
            assertThat(s.metric("guild_generation_tokens_total")).isLessThan(3000);
            assertThat(s.post("/v1/chat/completions", body(HELLO, ",\"max_tokens\":2")).statusCode()).isEqualTo(200);
        }
    }
}
