package dev.guild.workflows.internal.workflow;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guild.workflows.RunEvent;
import dev.guild.workflows.RunEventTypes;
import dev.guild.workflows.activities.PublishEventInput;
import dev.guild.workflows.activities.PublishEventsInput;
import dev.guild.workflows.activities.RunEventActivities;
import io.temporal.workflow.Workflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Emits a run's events in order with deterministic ids {@code <runId>/<sequence>} (workflow code only).
 *
 * <p>Events are collected and published as one batch (one local activity, one Kafka acknowledgement) by
 * {@link #flush()}. Call it before anything that waits (an activity, a child workflow, a timer, a signal, continue
 * as new) and before the workflow returns, so that a step's events are out before the step blocks;
 * {@code run.completed} and {@code run.failed} flush by themselves. Runs recorded before batching (no
 * {@value #BATCHED_CHANGE} marker in their history) publish each event on its own, as they did, so they replay.
 */
final class EventEmitter {

    /** The {@code Workflow.getVersion} change id of batched publication. */
    static final String BATCHED_CHANGE = "run-events-batched";

    private final String runId;
    private final RunEventActivities activities = Stubs.events();
    private final boolean batched;
    private final List<RunEvent> pending = new ArrayList<>();
    private long next;

    EventEmitter(String runId, long next) {
        this.runId = runId;
        this.next = next;
        this.batched = Workflow.getVersion(BATCHED_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
    }

    static ObjectNode data() {
        return JsonNodeFactory.instance.objectNode();
    }

    void emit(String type, ObjectNode data) {
        long sequence = next++;
        RunEvent event = new RunEvent(RunEvent.id(runId, sequence), runId, sequence, type, now(), data.toString());
        if (!batched) {
            activities.publish(new PublishEventInput(event));
            return;
        }
        pending.add(event);
        if (type.equals(RunEventTypes.RUN_COMPLETED) || type.equals(RunEventTypes.RUN_FAILED)) {
            flush();
        }
    }

    /** Publishes the events emitted since the last flush as one batch and returns once they are accepted. */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<RunEvent> batch = List.copyOf(pending);
        pending.clear();
        activities.publishAll(new PublishEventsInput(batch));
    }

    /** The next sequence number; {@link #flush() flush} first when another workflow continues the run's events. */
    long next() {
        return next;
    }

    void continueAt(long sequence) {
        if (!pending.isEmpty()) {
            throw new IllegalStateException("continueAt(" + sequence + ") with " + pending.size()
                    + " unpublished events of run " + runId + "; flush() before handing the sequence over");
        }
        this.next = sequence;
    }

    static String now() {
        return Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString();
    }
}
