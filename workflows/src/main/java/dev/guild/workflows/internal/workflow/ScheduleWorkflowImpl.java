package dev.guild.workflows.internal.workflow;

import dev.guild.workflows.RunRequest;
import dev.guild.workflows.RunResult;
import dev.guild.workflows.RunWorkflow;
import dev.guild.workflows.TaskQueues;
import dev.guild.workflows.schedule.PrepareRunInput;
import dev.guild.workflows.schedule.ScheduleActivities;
import dev.guild.workflows.schedule.ScheduleRequest;
import dev.guild.workflows.schedule.ScheduleSpec;
import dev.guild.workflows.schedule.ScheduleView;
import dev.guild.workflows.schedule.ScheduleWorkflow;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The scheduler loop; see {@link ScheduleWorkflow}. */
public class ScheduleWorkflowImpl implements ScheduleWorkflow {

    /** Continue as new after this many handled fire times (keeps the history small). */
    static final int FIRES_PER_EXECUTION = 100;
    private static final int RECENT = 20;

    private final ScheduleActivities activities = Workflow.newActivityStub(ScheduleActivities.class,
            ActivityOptions.newBuilder()
                    .setTaskQueue(TaskQueues.SCHEDULES)
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(RetryOptions.newBuilder()
                            .setInitialInterval(Duration.ofSeconds(1))
                            .setMaximumInterval(Duration.ofMinutes(1))
                            .setMaximumAttempts(10)
                            .setDoNotRetry(ScheduleActivities.UNKNOWN_WORKFLOW)
                            .build())
                    .build());

    /** Runs started by this execution and still running, by run id. */
    private final Map<String, Running> running = new LinkedHashMap<>();
    private final List<String> recent = new ArrayList<>();
    private ScheduleSpec spec;
    private long lastSlot;
    private boolean paused;
    private long fired;
    private long skipped;
    private boolean buffered;
    private long bufferedSlot;
    private boolean changed;

    private record Running(CancellationScope scope, Promise<RunResult> result) {
    }

    @Override
    public void run(ScheduleRequest request) {
        spec = request.spec();
        paused = request.paused();
        fired = request.fired();
        skipped = request.skipped();
        lastSlot = request.lastSlotMillis() > 0 ? request.lastSlotMillis() : Workflow.currentTimeMillis();
        int handled = 0;
        while (true) {
            changed = false;
            if (paused) {
                Workflow.await(() -> !paused || changed);
                if (!paused) {
                    lastSlot = Math.max(lastSlot, Workflow.currentTimeMillis()); // no catch-up for a pause
                }
                continue;
            }
            Optional<Long> next = spec.nextAfter(lastSlot);
            if (next.isEmpty()) {
                note("the cron '" + spec.cron() + "' fires no more; the schedule ends");
                return;
            }
            long wait = next.get() - Workflow.currentTimeMillis();
            if (wait > 0) {
                boolean woken = Workflow.await(Duration.ofMillis(wait),
                        () -> paused || changed || (buffered && allDone()));
                if (woken) {
                    if (buffered && allDone() && !paused && !changed) {
                        buffered = false;
                        start(bufferedSlot, "started the buffered fire");
                    }
                    continue;
                }
            }
            long slot = next.get();
            lastSlot = slot;
            handled++;
            long late = Workflow.currentTimeMillis() - slot;
            if (late > spec.catchupWindowSeconds() * 1000) {
                skip(slot, "missed by " + Duration.ofMillis(late) + ", beyond the catch-up window of "
                        + Duration.ofSeconds(spec.catchupWindowSeconds()));
            } else {
                fire(slot);
            }
            if (running.isEmpty() && !buffered && (handled >= FIRES_PER_EXECUTION
                    || Workflow.getInfo().isContinueAsNewSuggested())) {
                Workflow.continueAsNew(new ScheduleRequest(spec, lastSlot, paused, fired, skipped));
            }
        }
    }

    private void fire(long slot) {
        running.values().removeIf(r -> r.result().isCompleted());
        if (running.isEmpty() || ScheduleSpec.ALLOW_ALL.equals(spec.overlap())) {
            start(slot, "fired");
            return;
        }
        switch (spec.overlap()) {
            case ScheduleSpec.BUFFER_ONE -> {
                if (buffered) {
                    skip(slot, "a run is running and one fire is buffered already (overlap: buffer_one)");
                } else {
                    buffered = true;
                    bufferedSlot = slot;
                    note(time(slot) + " buffered: a run is still running (overlap: buffer_one)");
                }
            }
            case ScheduleSpec.CANCEL_OTHER -> {
                running.values().forEach(r -> r.scope().cancel("a newer fire of schedule " + spec.scheduleId()));
                running.clear();
                start(slot, "fired after cancelling the running run (overlap: cancel_other)");
            }
            default -> skip(slot, "a run is still running (overlap: skip): " + running.keySet());
        }
    }

    private void start(long slot, String what) {
        String runId = "sched-" + spec.scheduleId() + "-" + (slot / 1000);
        if (running.containsKey(runId)) {
            runId = runId + "-" + fired;
        }
        RunRequest request;
        try {
            request = activities.prepareRun(new PrepareRunInput(spec.scheduleId(), spec.workflowName(), runId,
                    time(slot), spec.input()));
        } catch (ActivityFailure e) {
            skip(slot, "could not start: " + AgentLoop.rootMessage(e));
            return;
        }
        RunWorkflow child = Workflow.newChildWorkflowStub(RunWorkflow.class, ChildWorkflowOptions.newBuilder()
                .setWorkflowId(runId)
                .setTaskQueue(TaskQueues.AGENTS)
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .build());
        List<Promise<RunResult>> result = new ArrayList<>(1);
        CancellationScope scope = Workflow.newCancellationScope(() -> result.add(Async.function(child::run, request)));
        scope.run();
        try {
            Workflow.getWorkflowExecution(child).get();
        } catch (TemporalFailure e) {
            skip(slot, "run " + runId + " could not start: " + AgentLoop.rootMessage(e));
            return;
        }
        running.put(runId, new Running(scope, result.getFirst()));
        fired++;
        note(time(slot) + " " + what + ": run " + runId);
    }

    private boolean allDone() {
        return running.values().stream().allMatch(r -> r.result().isCompleted());
    }

    private void skip(long slot, String why) {
        skipped++;
        note(time(slot) + " skipped: " + why);
    }

    private void note(String line) {
        recent.add(line);
        if (recent.size() > RECENT) {
            recent.removeFirst();
        }
    }

    private static String time(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }

    @Override
    public ScheduleView pause(String by) {
        if (!paused) {
            paused = true;
            note(EventEmitter.now() + " paused by " + by);
        }
        return describe();
    }

    @Override
    public ScheduleView resume(String by) {
        if (paused) {
            paused = false;
            note(EventEmitter.now() + " resumed by " + by);
        }
        return describe();
    }

    @Override
    public void reconfigure(ScheduleSpec newSpec) {
        if (newSpec != null && newSpec.scheduleId().equals(spec.scheduleId()) && !newSpec.equals(spec)) {
            spec = newSpec;
            changed = true;
            note(EventEmitter.now() + " reconfigured");
        }
    }

    @Override
    public ScheduleView describe() {
        List<String> live = running.entrySet().stream().filter(e -> !e.getValue().result().isCompleted())
                .map(Map.Entry::getKey).toList();
        String next = paused || spec == null ? null : spec.nextAfter(lastSlot).map(ScheduleWorkflowImpl::time).orElse(null);
        return new ScheduleView(spec, paused, next, lastSlot == 0 ? null : time(lastSlot), fired, skipped, live, recent);
    }
}
