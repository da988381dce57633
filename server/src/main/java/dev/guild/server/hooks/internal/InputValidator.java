package dev.guild.server.hooks.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/** Parses a webhook body as JSON and validates it against a workflow's {@code input.schema}. */
public final class InputValidator {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final int MAX_LISTED_ERRORS = 10;

    private final String workflow;
    private final Schema schema;

    /** @throws RuntimeException when {@code schema} is not a valid JSON Schema */
    public InputValidator(String workflow, JsonNode schema) {
        this.workflow = workflow;
        this.schema = SCHEMAS.getSchema(schema);
        this.schema.initializeValidators(); // resolve everything now, so a bad schema fails the start
    }

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
    public void validate(JsonNode input) {
        List<Error> errors = schema.validate(input);
        if (errors.isEmpty()) {
            return;
        }
        String listed = errors.stream().limit(MAX_LISTED_ERRORS)
                .map(e -> "field '" + field(e) + "': " + e.getMessage())
                .collect(Collectors.joining("; "));
        String more = errors.size() > MAX_LISTED_ERRORS ? " (and " + (errors.size() - MAX_LISTED_ERRORS) + " more)" : "";
        throw new WebhookRejected(400, "input_schema_violation", "The body does not match the input.schema of workflow '"
                + workflow + "': " + listed + more,
                "Send a body that satisfies the workflow's input.schema (see the definition's input section)");
    }

    /** JSON Pointer of the failing field; for a missing property, the pointer it should have had. */
    private static String field(Error e) {
        String location = String.valueOf(e.getInstanceLocation());
        if (e.getProperty() == null || location.endsWith("/" + e.getProperty())) {
            return location.isEmpty() ? "/" : location;
        }
        return (location.endsWith("/") ? location : location + "/") + e.getProperty();
    }

    private static WebhookRejected badJson(String reason) {
        return new WebhookRejected(400, "invalid_json", "The body is not valid JSON: " + reason,
                "Send exactly one UTF-8 JSON document as the body (Content-Type: application/json)");
    }
}
