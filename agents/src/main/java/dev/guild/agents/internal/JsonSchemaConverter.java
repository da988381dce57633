package dev.guild.agents.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Converts a tool's JSON Schema into LangChain4j's schema elements; what it cannot map travels as raw schema. */
public final class JsonSchemaConverter {

    public static JsonObjectSchema toObjectSchema(JsonNode schema) {
        JsonObjectSchema.Builder builder = JsonObjectSchema.builder();
        if (schema.hasNonNull("description")) {
            builder.description(schema.get("description").asText());
        }
        JsonNode properties = schema.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            builder.addProperty(property.getKey(), element(property.getValue()));
        }
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        builder.required(required);
        if (schema.has("additionalProperties") && schema.get("additionalProperties").isBoolean()) {
            builder.additionalProperties(schema.get("additionalProperties").asBoolean());
        }
        return builder.build();
    }

    static JsonSchemaElement element(JsonNode schema) {
        String description = schema.hasNonNull("description") ? schema.get("description").asText() : null;
        if (schema.has("enum") && schema.get("enum").isArray()) {
            List<String> values = new ArrayList<>();
            schema.get("enum").forEach(v -> values.add(v.asText()));
            return JsonEnumSchema.builder().description(description).enumValues(values).build();
        }
        String type = schema.path("type").asText("");
        return switch (type) {
            case "object" -> schema.has("properties") ? toObjectSchema(schema) : raw(schema);
            case "string" -> JsonStringSchema.builder().description(description).build();
            case "integer" -> JsonIntegerSchema.builder().description(description).build();
            case "number" -> JsonNumberSchema.builder().description(description).build();
            case "boolean" -> JsonBooleanSchema.builder().description(description).build();
            case "array" -> schema.has("items")
                    ? JsonArraySchema.builder().description(description).items(element(schema.get("items"))).build()
                    : raw(schema);
            default -> raw(schema);
        };
    }

    private static JsonSchemaElement raw(JsonNode schema) {
        return JsonRawSchema.from(schema.toString());
    }

    private JsonSchemaConverter() {
    }
}
