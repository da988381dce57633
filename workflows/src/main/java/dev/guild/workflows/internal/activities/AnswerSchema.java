package dev.guild.workflows.internal.activities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.agents.StepDecision;
import dev.guild.tools.ToolSchemas;
import dev.langchain4j.data.message.UserMessage;

import java.util.List;

/**
 * The output schema of {@code call: agent}: a final answer must be JSON matching it. One that does not becomes
 * feedback for the model (the problems and the schema) instead of an answer, so the agent fixes it within its budget.
 */
final class AnswerSchema {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code decision} unchanged when it is not final or there is no schema; else checked (answer normalised). */
    static StepDecision check(StepDecision decision, String schemaText) {
        if (schemaText == null || !decision.isFinal()) {
            return decision;
        }
        JsonNode schema;
        try {
            schema = JSON.readTree(schemaText);
        } catch (Exception e) {
            throw new IllegalArgumentException("the agent's output schema is not JSON: " + e.getMessage(), e);
        }
        String text = stripFences(decision.finalAnswer());
        JsonNode answer;
        try {
            answer = JSON.readTree(text);
        } catch (Exception e) {
            answer = null;
        }
        List<String> problems = answer == null || answer.isMissingNode()
                ? List.of("the answer is not JSON")
                : ToolSchemas.validate(schema, answer);
        if (problems.isEmpty()) {
            return new StepDecision(answer.toString(), List.of(), List.of());
        }
        return new StepDecision(null, List.of(), List.of(UserMessage.from(
                "Your final answer does not match the required output schema: " + String.join("; ", problems)
                        + ". Reply with only a JSON value (no other text) that matches this JSON Schema: " + schemaText)));
    }

    /** Models often wrap JSON in a Markdown code fence. */
    static String stripFences(String text) {
        String t = text.strip();
        if (t.startsWith("```")) {
            int firstLine = t.indexOf('\n');
            int end = t.lastIndexOf("```");
            if (firstLine > 0 && end > firstLine) {
                return t.substring(firstLine + 1, end).strip();
            }
        }
        return t;
    }

    private AnswerSchema() {
    }
}
