package dev.guild.agents;

import dev.langchain4j.data.message.ChatMessage;

import java.util.List;

/**
 * What one model response means for the loop.
 *
 * @param finalAnswer the answer when the model called no tool; null otherwise
 * @param calls       the well-formed tool calls to run, in the model's order
 * @param feedback    messages for the model about what was wrong with its other calls (unknown tool, arguments not
 *                    JSON, schema violations) or with an empty reply; they go into the transcript right after the
 *                    model's message and the loop continues, within its step budget
 */
public record StepDecision(String finalAnswer, List<ToolInvocation> calls, List<ChatMessage> feedback) {

    public StepDecision {
        calls = List.copyOf(calls);
        feedback = List.copyOf(feedback);
    }

    public boolean isFinal() {
        return finalAnswer != null;
    }

    /** Number of malformed calls (or empty replies) reported back to the model. */
    public int malformed() {
        return feedback.size();
    }
}
