package dev.guild.tools.research;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guild.tools.ToolCall;
import dev.guild.tools.ToolRegistry;
import dev.guild.tools.ToolResult;
import dev.guild.tools.ToolUnavailableException;
import dev.guild.tools.research.internal.SearxngSearchProvider;
import dev.guild.tools.research.internal.WebSearchTool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code web_search} with {@link SearxngSearchProvider} against a local server that speaks SearXNG's JSON API:
 * {@code GET /search?q=..&format=json} answered with {@code {query, number_of_results, results: [{url, title, content,
 * engine, engines, score, category}], answers, suggestions, unresponsive_engines}}, 403 when the JSON format is off.
 */
class WebSearchToolTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Map<String, String>> QUERIES = new CopyOnWriteArrayList<>();

    private static LocalWebServer searxng;
    private static LocalWebServer jsonOff;

    @BeforeAll
    static void start() {
        searxng = new LocalWebServer().on("/search", exchange -> {
            Map<String, String> params = query(exchange.getRequestURI().getRawQuery());
            QUERIES.add(params);
            if (!"json".equals(params.get("format"))) {
                LocalWebServer.send(exchange, 200, "text/html", "<html>results page</html>");
                return;
            }
            if (params.get("q").equals("overloaded")) {
                LocalWebServer.send(exchange, 429, "text/plain", "Too Many Requests");
                return;
            }
            if (params.get("q").equals("garbled")) {
                LocalWebServer.send(exchange, 200, "application/json", "{\"results\": [");
                return;
            }
            ObjectNode answer = JSON.createObjectNode().put("query", params.get("q")).put("number_of_results", 0);
            var results = answer.putArray("results");
            results.addObject().put("url", "https://en.wikipedia.org/wiki/Tidal_power").put("title", "Tidal power - Wikipedia")
                    .put("content", "Tidal power or tidal energy is harnessed by converting energy from tides.")
                    .put("engine", "wikipedia").put("score", 3.2).put("category", "general")
                    .putArray("engines").add("wikipedia").add("duckduckgo");
            results.addObject().put("url", "https://en.wikipedia.org/wiki/Tidal_power").put("title", "duplicate")
                    .put("content", "same URL from another engine").put("engine", "bing");
            results.addObject().put("url", "javascript:alert(1)").put("title", "hostile").put("content", "");
            results.addObject().put("url", "https://www.edf.fr/la-rance").put("title", "  La Rance tidal power station ")
                    .put("engine", "duckduckgo");
            results.addObject().put("url", "https://example.org/3").put("title", "").put("content", "third");
            answer.putArray("answers");
            answer.putArray("suggestions").add("tidal barrage");
            answer.putArray("unresponsive_engines");
            LocalWebServer.send(exchange, 200, "application/json", JSON.writeValueAsBytes(answer));
        });
        jsonOff = new LocalWebServer().on("/search", exchange -> LocalWebServer.send(exchange, 403, "text/html", "Forbidden"));
    }

    @AfterAll
    static void stop() {
        searxng.close();
        jsonOff.close();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return params;
    }

    private static ToolResult search(WebSearchTool tool, String arguments) throws Exception {
        return ToolRegistry.of(List.of(tool)).invoke(new ToolCall("web_search", "run-1/act-1", JSON.readTree(arguments)));
    }

    private static WebSearchTool tool(LocalWebServer server) {
        return new WebSearchTool(new SearxngSearchProvider(URI.create(server.url("")), Duration.ofSeconds(5)));
    }

    @Test
    void results_come_back_with_citations_deduplicated_and_only_web_urls() throws Exception {
        ToolResult result = search(tool(searxng), "{\"query\":\"La Rance tidal\",\"limit\":5,\"language\":\"en\",\"timeRange\":\"year\"}");

        assertThat(result.ok()).as(String.valueOf(result.error())).isTrue();
        JsonNode results = result.output().get("results");
        assertThat(results).hasSize(3);
        assertThat(results.get(0).get("title").asText()).isEqualTo("Tidal power - Wikipedia");
        assertThat(results.get(0).get("snippet").asText()).startsWith("Tidal power or tidal energy");
        assertThat(results.get(0).get("engine").asText()).isEqualTo("wikipedia");
        assertThat(results.get(0).get("citation").get("id").asText()).isEqualTo("web:https://en.wikipedia.org/wiki/Tidal_power");
        assertThat(results.get(1).get("title").asText()).isEqualTo("La Rance tidal power station");
        assertThat(results.get(2).get("title").asText()).as("an untitled result is named by its URL").isEqualTo("https://example.org/3");
        assertThat(result.output().get("provider").asText()).isEqualTo("searxng");
        assertThat(QUERIES.getLast()).containsEntry("q", "La Rance tidal").containsEntry("format", "json")
                .containsEntry("language", "en").containsEntry("time_range", "year");
    }

    @Test
    void the_limit_is_applied() throws Exception {
        ToolResult result = search(tool(searxng), "{\"query\":\"tides\",\"limit\":1}");

        assertThat(result.output().get("results")).hasSize(1);
    }

    @Test
    void an_instance_without_the_json_format_gets_the_fix() throws Exception {
        ToolResult result = search(tool(jsonOff), "{\"query\":\"tides\"}");

        assertThat(result.error()).contains("HTTP 403").contains("search.formats: [html, json]");
    }

    @Test
    void rate_limits_are_retryable_and_garbled_answers_are_errors() throws Exception {
        assertThatThrownBy(() -> search(tool(searxng), "{\"query\":\"overloaded\"}"))
                .isInstanceOf(ToolUnavailableException.class).hasMessageContaining("HTTP 429");
        assertThat(search(tool(searxng), "{\"query\":\"garbled\"}").error()).contains("not JSON");
    }

    @Test
    void bad_arguments_and_a_missing_configuration_are_explained() throws Exception {
        assertThat(search(tool(searxng), "{\"query\":\"\"}").error()).contains("query");
        assertThat(search(tool(searxng), "{\"query\":\"x\",\"limit\":50}").error()).contains("limit");
        assertThat(search(tool(searxng), "{\"query\":\"x\",\"timeRange\":\"week\"}").error()).contains("timeRange");
        assertThat(search(new WebSearchTool(null), "{\"query\":\"tides\"}").error())
                .contains("not configured").contains("guild.tools.research.searxng-url");
    }
}
