package dev.guild.runtime.chat;

/** What the {@link ToolCallParser} found in the model's output so far, in output order. */
public sealed interface ToolCallEvent {

    /** Text outside tool calls, to stream to the client as content. */
    record Content(String text) implements ToolCallEvent {
    }

    /** A complete tool call; {@code index} counts the calls of this output from 0 (OpenAI's delta index). */
    record Call(int index, ToolCall call) implements ToolCallEvent {
    }

    /** A tool call the model wrote but that could not be understood: what was wrong, and the raw text. */
    record Malformed(String message, String raw) implements ToolCallEvent {
    }
}
