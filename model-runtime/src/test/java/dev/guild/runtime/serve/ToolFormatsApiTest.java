package dev.guild.runtime.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.runtime.chat.ToolCallFormat;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * tool_choice required and a named function for a model served with the Llama 3 tool-call format (a
 * bare {"name", "parameters"} object): a random generated model, sampled at temperature 1 with several
 * seeds, always answers with a parsed OpenAI tool call whose arguments fit the schema.
 */
class ToolFormatsApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOOLS = """
            "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object",
              "properties":{"city":{"type":"string","maxLength":12},"days":{"type":"integer","minimum":1,"maximum":7}},
              "required":["city","days"],"additionalProperties":false}}},
             {"type":"function","function":{"name":"stop","parameters":{"type":"object","properties":{}}}}]""";

    private static JsonNode call(TestServer s, String toolChoice, int seed) throws Exception {
        String body = """
                {"model":"%s","messages":[{"role":"user","content":"Weather in Bern?"}],%s,"tool_choice":%s,
                 "temperature":1.0,"seed":%d,"max_tokens":120}""".formatted(TestServer.MODEL, TOOLS, toolChoice, seed);
        HttpResponse<String> r = s.post("/v1/chat/completions", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode choice = JSON.readTree(r.body()).path("choices").get(0);
        assertThat(choice.path("finish_reason").asText()).as(r.body()).isEqualTo("tool_calls");
        JsonNode calls = choice.path("message").path("tool_calls");
        assertThat(calls.size()).as(r.body()).isEqualTo(1);
        return calls.get(0).path("function");
    }

    @Test
    void required_and_named_tool_choice_always_give_a_valid_llama3_call() throws Exception {
        try (TestServer s = new TestServer(SchedulerConfig.DEFAULTS, ServerConfig.DEFAULTS,
                Optional.of(ToolCallFormat.LLAMA3_JSON))) {
            for (int seed = 1; seed <= 2; seed++) {
                JsonNode f = call(s, "\"required\"", seed);
                assertThat(f.path("name").asText()).isIn("get_weather", "stop");
                JsonNode args = JSON.readTree(f.path("arguments").asText());
                if (f.path("name").asText().equals("get_weather")) {
                    assertThat(args.path("city").isTextual()).isTrue();
                    assertThat(args.path("days").asInt()).isBetween(1, 7);
                }
            }
            JsonNode named = call(s, "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}", 9);
            assertThat(named.path("name").asText()).isEqualTo("get_weather");
            assertThat(JSON.readTree(named.path("arguments").asText()).path("days").asInt()).isBetween(1, 7);
        }
    }
}
