package dev.guild.workflows;

/** The idempotency key of a tool call: {@code <workflowId>/<activityId>}, the same across the activity's retries. */
public final class IdempotencyKeys {

    public static String of(String workflowId, String activityId) {
        if (workflowId == null || workflowId.isBlank() || activityId == null || activityId.isBlank()) {
            throw new IllegalArgumentException("an idempotency key needs a workflow id and an activity id; got '"
                    + workflowId + "' and '" + activityId + "'");
        }
        return workflowId + "/" + activityId;
    }

    private IdempotencyKeys() {
    }
}
