package dev.guild.runtime.constrain;

/**
 * How the body of one tool call is written, between the markers of a model family's format.
 */
public sealed interface ToolCallSyntax {

    /** {@code {"name": "NAME", "<argumentsKey>": ARGS}} (Hermes, Granite, Mistral: "arguments"; Llama 3: "parameters"). */
    record JsonObject(String argumentsKey) implements ToolCallSyntax {
    }

    /**
     * {@code beforeName NAME afterName ARGS afterArguments} with the bare name (DeepSeek V3:
     * {@code function<｜tool▁sep｜>NAME\n```json\nARGS\n```}).
     */
    record Text(String beforeName, String afterName, String afterArguments) implements ToolCallSyntax {
    }

    /** The OpenAI-like default: {@code {"name": ..., "arguments": ...}}. */
    ToolCallSyntax NAME_ARGUMENTS = new JsonObject("arguments");
}
