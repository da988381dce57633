package dev.guild.server.hooks.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.guild.workflows.definition.WorkflowDefinition;

import java.io.IOException;
import java.util.List;

/** Parses a webhook body as JSON and validates it against a workflow's {@code input.schema}. */
public final class InputValidator {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();
    private static final int MAX_LISTED_ERRORS = 10;

    /**
     * Parses the body strictly (one UTF-8 JSON value, no trailing data, no duplicate keys).
     *
     * @throws WebhookRejected 400 with the parser's reason and position
     */
    public static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw badJson("the body is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw badJson(e.getOriginalMessage() + where);
        } catch (IOException e) {
            throw badJson(e.getMessage());
        }
    }

    /** @throws WebhookRejected 400 naming every failing field (up to 10) and what the schema requires */
    public static void validate(WorkflowDefinition definition, JsonNode input) {
        List<String> problems = definition.validateInput(input);
        if (problems.isEmpty()) {
            return;
        }
        String listed = String.join("; ", problems.subList(0, Math.min(problems.size(), MAX_LISTED_ERRORS)));
        String more = problems.size() > MAX_LISTED_ERRORS
                ? " (and " + (problems.size() - MAX_LISTED_ERRORS) + " more)" : "";
        throw new WebhookRejected(400, "input_schema_violation", "The body does not match the input.schema of workflow '"
                + definition.name() + "': " + listed + more,
                "Send a body that satisfies the workflow's input.schema (see the definition's input section)");
    }

    private static WebhookRejected badJson(String reason) {
        return new WebhookRejected(400, "invalid_json", "The body is not valid JSON: " + reason,
                "Send exactly one UTF-8 JSON document as the body (Content-Type: application/json)");
    }

    private InputValidator() {
    }
}
