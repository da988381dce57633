package dev.guild.workflows.testing;

import dev.guild.workflows.RunEvent;
import dev.guild.workflows.ports.RunEventSink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link RunEventSink} that keeps events in memory, deduplicated by id like a consumer would. Tests only. */
public final class RecordingRunEventSink implements RunEventSink {

    private final Map<String, RunEvent> events = new LinkedHashMap<>();
    private final List<List<RunEvent>> batches = new ArrayList<>();
    private int publications;

    @Override
    public synchronized void publish(RunEvent event) {
        publications++;
        batches.add(List.of(event));
        events.putIfAbsent(event.id(), event);
    }

    @Override
    public synchronized void publishAll(List<RunEvent> batch) {
        publications++;
        batches.add(List.copyOf(batch));
        batch.forEach(event -> events.putIfAbsent(event.id(), event));
    }

    /** The types of each publication (a batch, or a single event) of {@code runId}, in the order they came. */
    public synchronized List<List<String>> batchTypes(String runId) {
        return batches.stream().filter(batch -> batch.getFirst().runId().equals(runId))
                .map(batch -> batch.stream().map(RunEvent::type).toList()).toList();
    }

    public synchronized List<RunEvent> events(String runId) {
        List<RunEvent> out = new ArrayList<>();
        for (RunEvent event : events.values()) {
            if (event.runId().equals(runId)) {
                out.add(event);
            }
        }
        return out;
    }

    public synchronized List<String> types(String runId) {
        return events(runId).stream().map(RunEvent::type).toList();
    }

    public synchronized int publications() {
        return publications;
    }
}
