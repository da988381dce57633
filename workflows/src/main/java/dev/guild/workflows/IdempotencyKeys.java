package dev.guild.workflows;

/**
 * The idempotency key of a tool or model call: {@code <workflowId>/<activityId>}, the same across the activity's
 * retries and worker restarts. Temporal numbers activities per workflow execution, so after continue-as-new the
 * agent passes its generation (1, 2, ...) and the key becomes {@code <workflowId>#<generation>/<activityId>}.
 */
public final class IdempotencyKeys {

    public static String of(String workflowId, int generation, String activityId) {
        if (generation < 0) {
            throw new IllegalArgumentException("generation must be 0 or more; got " + generation);
        }
        return of(generation == 0 ? workflowId : workflowId + "#" + generation, activityId);
    }

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
