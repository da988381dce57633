package dev.guild.runtime.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * A whole model output split into content and tool calls.
 *
 * @param content   the text outside tool calls
 * @param toolCalls the calls, in order
 * @param errors    one message per malformed call (empty when all calls parsed)
 */
public record ParsedOutput(String content, List<ToolCall> toolCalls, List<String> errors) {
    public ParsedOutput {
        toolCalls = List.copyOf(toolCalls);
        errors = List.copyOf(errors);
    }

    static ParsedOutput of(List<ToolCallEvent> events) {
        StringBuilder content = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (ToolCallEvent e : events) {
            switch (e) {
                case ToolCallEvent.Content c -> content.append(c.text());
                case ToolCallEvent.Call c -> calls.add(c.call());
                case ToolCallEvent.Malformed m -> errors.add(m.message());
            }
        }
        return new ParsedOutput(content.toString(), calls, errors);
    }
}
