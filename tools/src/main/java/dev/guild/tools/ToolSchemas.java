package dev.guild.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guild.tools.internal.RecordSchemaGenerator;
import dev.guild.tools.internal.SchemaValidation;

import java.util.List;

/** JSON Schema helpers shared by tools, agents and workflow definitions (draft 2020-12). */
public final class ToolSchemas {

    /**
     * The object schema of a record: one property per component, typed from the component's Java type, described
     * and constrained by {@link ToolParam}; {@code additionalProperties: false}.
     */
    public static ObjectNode forRecord(Class<? extends Record> type) {
        return RecordSchemaGenerator.forRecord(type);
    }

    /**
     * Validates {@code value} against {@code schema}; each problem is one line that names the location in the
     * value ({@code $.path}) and what is wrong. Empty when the value is valid.
     */
    public static List<String> validate(JsonNode schema, JsonNode value) {
        return SchemaValidation.validate(schema, value);
    }

    /**
     * Checks that {@code schema} is a usable JSON Schema: valid against the draft 2020-12 meta-schema and free of
     * remote {@code $ref}s (Guild never fetches schemas over the network). Empty when usable.
     */
    public static List<String> checkSchema(JsonNode schema) {
        return SchemaValidation.checkSchema(schema);
    }

    private ToolSchemas() {
    }
}
