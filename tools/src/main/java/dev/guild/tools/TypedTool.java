package dev.guild.tools;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.Objects;

/**
 * Base class for a tool whose input and output are records: the schemas are generated from them
 * ({@link ToolSchemas#forRecord}) and the arguments arrive as an {@code I}.
 *
 * @param <I> input record
 * @param <O> output record
 */
public abstract class TypedTool<I extends Record, O extends Record> implements Tool {

    protected static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final String name;
    private final String description;
    private final Class<I> inputType;
    private final JsonNode inputSchema;
    private final JsonNode outputSchema;
    private final boolean sideEffects;

    protected TypedTool(String name, String description, Class<I> inputType, Class<O> outputType, boolean sideEffects) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.inputType = inputType;
        this.inputSchema = ToolSchemas.forRecord(inputType);
        this.outputSchema = ToolSchemas.forRecord(outputType);
        this.sideEffects = sideEffects;
    }

    /** Runs the tool; return {@link #ok(Record)} or {@link ToolResult#error(String)}. */
    protected abstract ToolResult run(I input, ToolCall call);

    protected final ToolResult ok(O output) {
        return ToolResult.ok(MAPPER.valueToTree(output));
    }

    @Override
    public final ToolResult invoke(ToolCall call) {
        I input;
        try {
            input = MAPPER.treeToValue(call.arguments(), inputType);
        } catch (MismatchedInputException e) {
            return ToolResult.error("arguments of '" + name + "' do not fit its input schema: " + e.getOriginalMessage()
                    + " at " + e.getPathReference() + "; send a JSON object that matches the schema");
        } catch (Exception e) {
            return ToolResult.error("arguments of '" + name + "' are not usable: " + e.getMessage());
        }
        return run(input, call);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final JsonNode inputSchema() {
        return inputSchema;
    }

    @Override
    public final JsonNode outputSchema() {
        return outputSchema;
    }

    @Override
    public final boolean sideEffects() {
        return sideEffects;
    }
}
