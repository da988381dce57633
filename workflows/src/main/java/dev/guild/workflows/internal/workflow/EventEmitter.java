package dev.guild.workflows.internal.workflow;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guild.workflows.RunEvent;
import dev.guild.workflows.activities.PublishEventInput;
import dev.guild.workflows.activities.RunEventActivities;
import io.temporal.workflow.Workflow;

import java.time.Instant;

/** Emits a run's events in order with deterministic ids {@code <runId>/<sequence>} (workflow code only). */
final class EventEmitter {

    private final String runId;
    private final RunEventActivities activities = Stubs.events();
    private long next;

    EventEmitter(String runId, long next) {
        this.runId = runId;
        this.next = next;
    }

    static ObjectNode data() {
        return JsonNodeFactory.instance.objectNode();
    }

    void emit(String type, ObjectNode data) {
        long sequence = next++;
        activities.publish(new PublishEventInput(new RunEvent(RunEvent.id(runId, sequence), runId, sequence, type,
                now(), data.toString())));
    }

    long next() {
        return next;
    }

    void continueAt(long sequence) {
        this.next = sequence;
    }

    static String now() {
        return Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString();
    }
}
