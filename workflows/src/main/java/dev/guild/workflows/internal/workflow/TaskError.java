package dev.guild.workflows.internal.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error of Serverless Workflow 1.0's error format ({type, status, instance, title, detail}) raised while a task
 * runs: {@code try}/{@code catch} match it, and an uncaught one fails the run. Workflow code only.
 */
final class TaskError extends RuntimeException {

    static final String TYPES = "https://serverlessworkflow.io/spec/1.0.0/errors/";
    static final String CONFIGURATION = TYPES + "configuration";
    static final String VALIDATION = TYPES + "validation";
    static final String EXPRESSION = TYPES + "expression";
    static final String TIMEOUT = TYPES + "timeout";
    static final String COMMUNICATION = TYPES + "communication";
    static final String RUNTIME = TYPES + "runtime";

    private final ObjectNode error;

    TaskError(String type, int status, String instance, String title, String detail) {
        super(title + (detail == null ? "" : ": " + detail), null, false, false);
        error = JsonNodeFactory.instance.objectNode();
        error.put("type", type);
        error.put("status", status);
        error.put("instance", instance);
        error.put("title", title);
        if (detail != null) {
            error.put("detail", detail);
        }
    }

    /** From an evaluated error definition ({@code raise}); {@code instance} defaults to the raising task. */
    static TaskError of(JsonNode definition, String instance) {
        return new TaskError(definition.path("type").asText(RUNTIME), definition.path("status").asInt(500),
                definition.hasNonNull("instance") ? definition.get("instance").asText() : instance,
                definition.hasNonNull("title") ? definition.get("title").asText() : "raised by the workflow",
                definition.hasNonNull("detail") ? definition.get("detail").asText() : null);
    }

    /** The error object ({@code $error} in {@code catch}). */
    ObjectNode error() {
        return error.deepCopy();
    }

    String type() {
        return error.get("type").asText();
    }
}
