package dev.guild.tools.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.tools.ToolCall;
import dev.guild.tools.ToolResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RenderTemplateToolTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final RenderTemplateTool tool = new RenderTemplateTool();

    private ToolResult render(String arguments) throws Exception {
        return tool.invoke(new ToolCall("render_template", "wf/1", JSON.readTree(arguments)));
    }

    @Test
    void fills_names_and_dotted_paths_strings_raw_other_values_as_json() throws Exception {
        ToolResult result = render("""
                {"template":"Dear {{ user.name }}, your {{items.0}} ({{count}} of {{ tags }}) is ready. {{user.name}}!",
                 "values":{"user":{"name":"Ada"},"items":["table"],"count":2,"tags":["a","b"]}}
                """);

        assertThat(result.ok()).isTrue();
        assertThat(result.output().get("text").asText())
                .isEqualTo("Dear Ada, your table (2 of [\"a\",\"b\"]) is ready. Ada!");
        assertThat(result.output().get("placeholders").asInt()).isEqualTo(5);
    }

    @Test
    void missing_values_are_named_with_the_values_given() throws Exception {
        ToolResult result = render("{\"template\":\"{{a}} {{b.c}} {{d}}\",\"values\":{\"a\":1,\"d\":null}}");

        assertThat(result.ok()).isFalse();
        assertThat(result.error()).contains("[b.c, d]").contains("given: [a, d]");
    }

    @Test
    void replacement_text_is_taken_literally() throws Exception {
        ToolResult result = render("{\"template\":\"cost: {{p}}\",\"values\":{\"p\":\"$1 \\\\ {{p}}\"}}");

        assertThat(result.output().get("text").asText()).isEqualTo("cost: $1 \\ {{p}}");
    }

    @Test
    void arguments_of_the_wrong_shape_are_an_error_result_not_an_exception() throws Exception {
        ToolResult result = render("{\"template\":\"x\",\"values\":{},\"extra\":true}");

        assertThat(result.ok()).isFalse();
        assertThat(result.error()).contains("extra");
    }

    @Test
    void schema_describes_the_arguments_for_a_model() {
        JsonNode schema = tool.inputSchema();
        assertThat(schema.at("/properties/template/maxLength").asInt()).isEqualTo(RenderTemplateTool.MAX_TEMPLATE_CHARS);
        assertThat(schema.at("/properties/template/description").asText()).contains("{{placeholders}}");
        assertThat(schema.get("required")).hasSize(2);
    }
}
