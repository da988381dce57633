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
    private int publications;

    @Override
    public synchronized void publish(RunEvent event) {
        publications++;
        events.putIfAbsent(event.id(), event);
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
