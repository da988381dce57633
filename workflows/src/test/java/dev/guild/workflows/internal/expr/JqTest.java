package dev.guild.workflows.internal.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JqTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void evaluates_expressions_at_any_depth_and_copies_literals() throws Exception {
        JsonNode template = json("""
                {"greeting": "${ \\"Hello, \\" + .name }", "count": "${ .items | length }",
                 "nested": ["${ $input.id }", "plain", 3, {"deep": "${ .items[0] }"}],
                 "text with ${ inside }": "not an expression: ${ .name } later"}
                """);

        JsonNode out = Jq.evaluate(template, json("{\"name\":\"Ada\",\"items\":[\"x\",\"y\"]}"),
                Map.of("input", json("{\"id\":7}")));

        assertThat(out).isEqualTo(json("""
                {"greeting":"Hello, Ada","count":2,"nested":[7,"plain",3,{"deep":"x"}],
                 "text with ${ inside }":"not an expression: ${ .name } later"}
                """));
    }

    @Test
    void several_results_become_an_array_and_none_becomes_null() throws Exception {
        assertThat(Jq.evaluateExpression("${ .[] }", json("[1,2]"), Map.of())).isEqualTo(json("[1,2]"));
        assertThat(Jq.evaluateExpression("${ empty }", json("{}"), Map.of()).isNull()).isTrue();
    }

    @Test
    void now_is_refused_because_runs_must_replay_identically() {
        assertThatThrownBy(() -> Jq.evaluateExpression("${ now }", JSON.createObjectNode(), Map.of()))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("$workflow.startedAt");
    }

    @Test
    void failures_name_the_expression() {
        assertThatThrownBy(() -> Jq.evaluateExpression("${ .a + 1 }", JSON.createObjectNode().put("a", "text"), Map.of()))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("${ .a + 1 }");
        assertThat(Jq.problemWith("${ .a | }")).isNotNull();
        assertThat(Jq.problemWith("${ .a }")).isNull();
        assertThat(Jq.problemWith("plain")).contains("not an expression");
    }
}
