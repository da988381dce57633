package dev.guild.tools;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The tool call that undoes a side effect, declared by the tool that causes it ({@link Tool#compensation()}):
 * {@code confirm_booking} names {@code cancel_booking} with {@code {"bookingId": "/bookingId"}}, meaning "call
 * {@code cancel_booking} with {@code bookingId} taken from the successful result's {@code /bookingId}".
 *
 * <p>Plain data, so that a workflow can record it next to the call it would undo and run it later (a saga).
 *
 * @param tool      name of the compensating tool; it must be registered and have side effects
 * @param arguments argument name of the compensating tool to a JSON Pointer (RFC 6901) into the successful
 *                  result's {@link ToolResult#output()}; every required argument of {@code tool} must be named
 */
public record Compensation(@JsonProperty("tool") String tool,
                           @JsonProperty("arguments") Map<String, String> arguments) {

    @JsonCreator
    public Compensation {
        Objects.requireNonNull(tool, "tool");
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(arguments, "arguments")));
        for (Map.Entry<String, String> argument : arguments.entrySet()) {
            try {
                JsonPointer.compile(argument.getValue());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("compensation '" + tool + "': argument '" + argument.getKey()
                        + "' has pointer '" + argument.getValue() + "', which is not a JSON Pointer;"
                        + " write it like /bookingId or /booking/id", e);
            }
        }
    }

    /**
     * The compensating call for a successful result. Its idempotency key is derived from the original call's key
     * ({@code <key>/compensate}) so that a retried compensation undoes once.
     *
     * @throws IllegalArgumentException when {@code result} failed (nothing to undo) or lacks a pointed-to value
     */
    public ToolCall callFor(ToolCall original, ToolResult result) {
        if (!result.ok()) {
            throw new IllegalArgumentException("call '" + original.idempotencyKey() + "' of '" + original.toolName()
                    + "' failed, so there is nothing to compensate: " + result.error());
        }
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> argument : arguments.entrySet()) {
            JsonNode value = result.output().at(argument.getValue());
            if (value.isMissingNode()) {
                missing.add(argument.getKey() + " <- " + argument.getValue());
            } else {
                args.set(argument.getKey(), value);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the result of '" + original.toolName() + "' lacks the values that '"
                    + tool + "' needs: " + missing + "; result was " + result.output());
        }
        return new ToolCall(tool, original.idempotencyKey() + "/compensate", args);
    }

    /** Convenience for {@link Tool#compensation()}. */
    public static Optional<Compensation> of(String tool, Map<String, String> arguments) {
        return Optional.of(new Compensation(tool, arguments));
    }
}
