package dev.guild.server.hooks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.workflows.definition.WorkflowDefinition;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputValidatorTest {
    static final String SCHEMA = """
            {"type": "object", "required": ["name"],
             "properties": {"name": {"type": "string", "minLength": 1}, "count": {"type": "integer"}}}""";

    static WorkflowDefinition definition(String name, String schema) throws Exception {
        String text = "document: {dsl: '1.0.0', namespace: test, name: " + name + ", version: '1.0.0'}";
        return new WorkflowDefinition(name, "test", "1.0.0", name + ".yaml", text, WorkflowDefinition.hashOf(text),
                schema == null ? null : new ObjectMapper().readTree(schema));
    }

    private static JsonNode parse(String body) {
        return InputValidator.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void accepts_input_matching_the_schema_and_any_json_without_a_schema() throws Exception {
        WorkflowDefinition hello = definition("hello", SCHEMA);
        assertThatCode(() -> InputValidator.validate(hello, parse("{\"name\":\"Ada\",\"count\":2}")))
                .doesNotThrowAnyException();
        WorkflowDefinition free = definition("free", null);
        assertThatCode(() -> InputValidator.validate(free, parse("[1, 2]"))).doesNotThrowAnyException();
    }

    @Test
    void names_a_missing_required_field() throws Exception {
        WorkflowDefinition hello = definition("hello", SCHEMA);
        assertThatThrownBy(() -> InputValidator.validate(hello, parse("{\"count\":2}")))
                .isInstanceOfSatisfying(WebhookRejected.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.body().error()).isEqualTo("input_schema_violation");
                    assertThat(e.body().message()).contains("workflow 'hello'", "name");
                });
    }

    @Test
    void names_a_field_of_the_wrong_type() throws Exception {
        WorkflowDefinition hello = definition("hello", SCHEMA);
        assertThatThrownBy(() -> InputValidator.validate(hello, parse("{\"name\":\"Ada\",\"count\":\"two\"}")))
                .isInstanceOfSatisfying(WebhookRejected.class, e ->
                        assertThat(e.body().message()).contains("count", "integer"));
    }

    @Test
    void rejects_bodies_that_are_not_one_json_document_with_the_position() {
        assertThatThrownBy(() -> parse("{\"name\": \"Ada\""))
                .isInstanceOfSatisfying(WebhookRejected.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.body().error()).isEqualTo("invalid_json");
                    assertThat(e.body().message()).contains("line 1");
                });
        assertThatThrownBy(() -> parse("{} {}")).hasMessageContaining("invalid_json");
        assertThatThrownBy(() -> parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> parse("{\"a\":1,\"a\":2}")).hasMessageContaining("invalid_json");
        assertThatThrownBy(() -> parse("name=Ada")).hasMessageContaining("invalid_json");
    }
}
