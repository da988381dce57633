package dev.guild.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.guild.tools.template.RenderTemplateTool;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ToolRegistryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A tool with an explicit schema. */
    private record Explicit(String name, JsonNode inputSchema, String description) implements Tool {
        @Override
        public JsonNode outputSchema() {
            return JsonNodeFactory.instance.objectNode();
        }

        @Override
        public boolean sideEffects() {
            return false;
        }

        @Override
        public ToolResult invoke(ToolCall call) {
            return ToolResult.ok(call.arguments());
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void service_loader_finds_the_built_in_tools() {
        ToolRegistry registry = ToolRegistry.load(getClass().getClassLoader());

        assertThat(registry.names()).contains("render_template");
        assertThat(registry.get("render_template").sideEffects()).isFalse();
    }

    @Test
    void every_problem_is_reported_at_once() {
        ToolRegistryException error = catchThrowableOfType(ToolRegistryException.class, () -> ToolRegistry.of(List.of(
                new RenderTemplateTool(),
                new RenderTemplateTool(),
                new Explicit("Bad-Name", json("{\"type\":\"object\"}"), "d"),
                new Explicit("agent", json("{\"type\":\"object\"}"), "d"),
                new Explicit("broken_schema", json("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"nope\"}}}"), "d"),
                new Explicit("not_an_object", json("{\"type\":\"string\"}"), "d"),
                new Explicit("undescribed", json("{\"type\":\"object\"}"), " "))));

        assertThat(error.problems()).hasSize(7); // the broken schema has two problems
        assertThat(error.problems()).anySatisfy(p -> assertThat(p).contains("'render_template'").contains("duplicate name"))
                .anySatisfy(p -> assertThat(p).contains("'Bad-Name'").contains("must match"))
                .anySatisfy(p -> assertThat(p).contains("'agent'").contains("reserved"))
                .anySatisfy(p -> assertThat(p).contains("'broken_schema'").contains("invalid input schema").contains("/properties/a/type"))
                .anySatisfy(p -> assertThat(p).contains("'not_an_object'").contains("\"type\": \"object\""))
                .anySatisfy(p -> assertThat(p).contains("'undescribed'").contains("description is empty"));
        assertThat(error.getMessage()).startsWith("tool registry has 7 problem(s)");
    }

    @Test
    void invoke_checks_the_tool_name_and_the_arguments_before_calling() {
        ToolRegistry registry = ToolRegistry.of(List.of(new RenderTemplateTool()));

        ToolResult unknown = registry.invoke(new ToolCall("send_fax", "k1", JSON.createObjectNode()));
        ToolResult invalid = registry.invoke(new ToolCall("render_template", "k2", json("{\"template\":5}")));
        ToolResult ok = registry.invoke(new ToolCall("render_template", "k3",
                json("{\"template\":\"Hi {{who}}\",\"values\":{\"who\":\"Ada\"}}")));

        assertThat(unknown.ok()).isFalse();
        assertThat(unknown.error()).contains("'send_fax'").contains("[render_template]");
        assertThat(invalid.ok()).isFalse();
        assertThat(invalid.error()).contains("/template").contains("values");
        assertThat(ok.output().get("text").asText()).isEqualTo("Hi Ada");
        assertThat(registry.find("send_fax")).isEmpty();
    }
}
