package dev.guild.tools.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guild.tools.ToolParam;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;

/** Generates a JSON Schema (draft 2020-12) from a record, reading {@link ToolParam} and {@link JsonProperty}. */
public final class RecordSchemaGenerator {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    public static ObjectNode forRecord(Class<? extends Record> type) {
        return recordSchema(type, 0);
    }

    private static ObjectNode recordSchema(Class<?> type, int depth) {
        if (depth > 16) {
            throw new IllegalArgumentException("record " + type.getName()
                    + " nests more than 16 levels deep (recursive type?); give the tool an explicit schema instead");
        }
        ObjectNode schema = JSON.objectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = JSON.arrayNode();
        for (RecordComponent component : type.getRecordComponents()) {
            JsonProperty jsonName = component.getAccessor().getAnnotation(JsonProperty.class);
            String name = jsonName != null && !jsonName.value().isEmpty() ? jsonName.value() : component.getName();
            ObjectNode property = typeSchema(component.getGenericType(), type, depth);
            ToolParam param = component.getAnnotation(ToolParam.class);
            if (param != null) {
                applyParam(property, param);
            }
            if (param == null || param.required()) {
                required.add(name);
            }
            properties.set(name, property);
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    private static void applyParam(ObjectNode property, ToolParam param) {
        property.put("description", param.value());
        boolean array = "array".equals(property.path("type").asText());
        if (!Double.isNaN(param.minimum())) {
            putNumber(property, "minimum", param.minimum());
        }
        if (!Double.isNaN(param.maximum())) {
            putNumber(property, "maximum", param.maximum());
        }
        if (param.minLength() >= 0) {
            property.put(array ? "minItems" : "minLength", param.minLength());
        }
        if (param.maxLength() >= 0) {
            property.put(array ? "maxItems" : "maxLength", param.maxLength());
        }
        if (!param.pattern().isEmpty()) {
            property.put("pattern", param.pattern());
        }
    }

    private static void putNumber(ObjectNode node, String key, double value) {
        if (value == Math.rint(value) && Math.abs(value) <= Integer.MAX_VALUE) {
            node.put(key, (int) value);
        } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            node.put(key, (long) value);
        } else {
            node.put(key, value);
        }
    }

    private static ObjectNode typeSchema(Type type, Class<?> owner, int depth) {
        ObjectNode schema = JSON.objectNode();
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
            Type[] args = parameterized.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                schema.put("type", "array");
                schema.set("items", typeSchema(args[0], owner, depth + 1));
                return schema;
            }
            if (Map.class.isAssignableFrom(raw)) {
                if (args[0] != String.class) {
                    throw unsupported(type, owner);
                }
                schema.put("type", "object");
                schema.set("additionalProperties", typeSchema(args[1], owner, depth + 1));
                return schema;
            }
            throw unsupported(type, owner);
        }
        if (!(type instanceof Class<?> cls)) {
            throw unsupported(type, owner);
        }
        if (cls == String.class) {
            schema.put("type", "string");
        } else if (cls == boolean.class || cls == Boolean.class) {
            schema.put("type", "boolean");
        } else if (cls == int.class || cls == Integer.class || cls == long.class || cls == Long.class
                || cls == short.class || cls == Short.class) {
            schema.put("type", "integer");
        } else if (cls == double.class || cls == Double.class || cls == float.class || cls == Float.class) {
            schema.put("type", "number");
        } else if (cls.isEnum()) {
            schema.put("type", "string");
            ArrayNode values = schema.putArray("enum");
            for (Object constant : cls.getEnumConstants()) {
                values.add(constant.toString());
            }
        } else if (cls.isRecord()) {
            return recordSchema(cls, depth + 1);
        } else if (JsonNode.class.isAssignableFrom(cls)) {
            return schema; // any JSON value
        } else {
            throw unsupported(type, owner);
        }
        return schema;
    }

    private static IllegalArgumentException unsupported(Type type, Class<?> owner) {
        return new IllegalArgumentException("cannot derive a JSON Schema for type " + type.getTypeName() + " in "
                + owner.getName() + "; use String, numbers, boolean, enums, records, List<T> or Map<String,T>,"
                + " or give the tool an explicit schema");
    }

    private RecordSchemaGenerator() {
    }
}
