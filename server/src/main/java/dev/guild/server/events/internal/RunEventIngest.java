package dev.guild.server.events.internal;

import dev.guild.server.events.RunEventRecords;
import dev.guild.server.events.RunEventStore;
import dev.guild.server.events.RunEventBus;

import dev.guild.server.dispatch.ConsumerLoop;
import dev.guild.server.dispatch.DeadLetters;
import dev.guild.workflows.RunEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * Stores the run events consumed from {@code guild.run-events} in PostgreSQL (duplicates dropped by event id) and
 * wakes up the readers of the runs concerned. A record that is not a run event goes to the dead-letter topic.
 */
public final class RunEventIngest implements ConsumerLoop.BatchHandler {
    public static final String NAME = "guild-run-events-store";

    private final RunEventStore store;
    private final RunEventBus bus;
    private final DeadLetters deadLetters;

    public RunEventIngest(RunEventStore store, RunEventBus bus, DeadLetters deadLetters) {
        this.store = store;
        this.bus = bus;
        this.deadLetters = deadLetters;
    }

    @Override
    public void handle(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        List<RunEvent> events = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                events.add(RunEventRecords.fromRecord(record));
            } catch (IllegalArgumentException e) {
                deadLetters.send(record, NAME, e.getMessage());
            }
        }
        List<RunEvent> stored = store.insertAll(events);
        bus.stored(stored.stream().map(RunEvent::runId).toList());
    }
}
