package dev.guild.workflows.internal.workflow;

import dev.guild.workflows.TaskQueues;
import dev.guild.workflows.activities.DefinitionActivities;
import dev.guild.workflows.activities.EventActivities;
import dev.guild.workflows.activities.ModelActivities;
import dev.guild.workflows.activities.RunEventActivities;
import dev.guild.workflows.activities.ToolActivities;
import dev.guild.workflows.internal.activities.ModelActivitiesImpl;
import dev.guild.workflows.internal.activities.ToolActivitiesImpl;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;

import java.time.Duration;

/**
 * Activity stubs with Guild's timeouts and retry policies (workflow code only).
 * <ul>
 *   <li>model call: 5 min per attempt (less when the agent's deadline is nearer), retried with backoff
 *       1 s .. 1 min, at most 8 attempts, never past the agent's deadline;</li>
 *   <li>tool call: 2 min per attempt, heartbeat every few seconds while it runs (so an attempt whose worker died is
 *       retried after {@link ToolActivitiesImpl#HEARTBEAT_TIMEOUT}, not after 2 min), retried with backoff
 *       1 s .. 30 s, at most 5 attempts;</li>
 *   <li>event publication (local activity): 30 s per attempt, retried with backoff 200 ms .. 30 s for up to 1 h.</li>
 * </ul>
 */
final class Stubs {

    /** Longest a model call may take per attempt. */
    static final Duration MODEL_CALL_LIMIT = Duration.ofMinutes(5);

    /**
     * The model stub for a call that must end within {@code remaining} (the agent's deadline): attempts and retries
     * together never outlast it.
     */
    static ModelActivities model(Duration remaining) {
        Duration bound = remaining.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : remaining;
        return Workflow.newActivityStub(ModelActivities.class, ActivityOptions.newBuilder()
                .setTaskQueue(TaskQueues.MODEL)
                .setStartToCloseTimeout(bound.compareTo(MODEL_CALL_LIMIT) < 0 ? bound : MODEL_CALL_LIMIT)
                .setScheduleToCloseTimeout(bound)
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(1))
                        .setMaximumInterval(Duration.ofMinutes(1))
                        .setMaximumAttempts(8)
                        .setDoNotRetry(ModelActivitiesImpl.MODEL_REJECTED)
                        .build())
                .build());
    }

    static ToolActivities tools() {
        return Workflow.newActivityStub(ToolActivities.class, ActivityOptions.newBuilder()
                .setTaskQueue(TaskQueues.TOOLS)
                .setStartToCloseTimeout(Duration.ofMinutes(2))
                .setHeartbeatTimeout(ToolActivitiesImpl.HEARTBEAT_TIMEOUT)
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(1))
                        .setMaximumInterval(Duration.ofSeconds(30))
                        .setMaximumAttempts(5)
                        .build())
                .build());
    }

    /** Emit and listen bookkeeping: 30 s per attempt, retried with backoff 1 s .. 1 min for up to 1 h. */
    static EventActivities eventActivities() {
        return Workflow.newActivityStub(EventActivities.class, platformOptions());
    }

    /** Definition look-ups of {@code run: workflow}: as {@link #eventActivities()}. */
    static DefinitionActivities definitions() {
        return Workflow.newActivityStub(DefinitionActivities.class, platformOptions());
    }

    private static ActivityOptions platformOptions() {
        return ActivityOptions.newBuilder()
                .setTaskQueue(TaskQueues.TOOLS)
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setScheduleToCloseTimeout(Duration.ofHours(1))
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(1))
                        .setMaximumInterval(Duration.ofMinutes(1))
                        .build())
                .build();
    }

    static RunEventActivities events() {
        return Workflow.newLocalActivityStub(RunEventActivities.class, LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setScheduleToCloseTimeout(Duration.ofHours(1))
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofMillis(200))
                        .setMaximumInterval(Duration.ofSeconds(30))
                        .build())
                .build());
    }

    private Stubs() {
    }
}
