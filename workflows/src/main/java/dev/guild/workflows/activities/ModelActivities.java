package dev.guild.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Model calls, on {@link dev.guild.workflows.TaskQueues#MODEL}. One call: load the transcript, call the
 * configured LangChain4j {@code ChatModel}, append its message (and feedback on malformed tool calls) to the
 * transcript under the key {@code <workflowId>/<activityId>}. A retry after the append returns the stored result
 * without calling the model again.
 */
@ActivityInterface
public interface ModelActivities {
    @ActivityMethod(name = "guild.model.chat")
    ModelCallOutput chat(ModelCallInput input);
}
