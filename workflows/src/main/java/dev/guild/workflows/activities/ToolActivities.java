package dev.guild.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Tool calls, on {@link dev.guild.workflows.TaskQueues#TOOLS}. The tool receives the idempotency key
 * {@code <workflowId>/<activityId>}, stable across retries. Bad arguments come back as {@code ok = false};
 * only infrastructure faults fail the activity (and are retried).
 */
@ActivityInterface
public interface ToolActivities {
    @ActivityMethod(name = "guild.tool.invoke")
    ToolCallOutput invoke(ToolCallInput input);
}
