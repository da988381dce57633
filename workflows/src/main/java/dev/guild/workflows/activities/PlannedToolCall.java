package dev.guild.workflows.activities;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A tool call the model asked for, by reference: its arguments stay in the transcript (in the model's message at
 * {@link ModelCallOutput#replyPosition()}), so they never pass through workflow history.
 *
 * @param id       the call's id in the model's message
 * @param toolName the tool
 */
public record PlannedToolCall(@JsonProperty("id") String id, @JsonProperty("toolName") String toolName) {
    @JsonCreator
    public PlannedToolCall {
    }
}
