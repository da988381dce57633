package dev.guild.workflows.ports;

import dev.guild.workflows.RunEvent;

import java.util.List;

/**
 * Where run events go (the server publishes them to Kafka {@code guild.run-events}, key = run id).
 *
 * <p>Contract: {@link #publish} and {@link #publishAll} return only once every event given is durably accepted, and
 * throw otherwise (the activity is retried). They may be called again with events already published (same
 * {@link RunEvent#id()}): publishing an event twice is allowed, consumers dedupe by id. The events of one run are
 * handed over one call at a time, in sequence order, and a call's events keep their order. Contract test:
 * {@code RunEventSinkContract} in this module's test jar.
 */
public interface RunEventSink {
    void publish(RunEvent event);

    /**
     * Publishes a batch (the events of one workflow step) in order and returns once all are accepted. The default
     * publishes them one by one; an implementation that can wait for one acknowledgement per batch overrides it.
     */
    default void publishAll(List<RunEvent> events) {
        for (RunEvent event : events) {
            publish(event);
        }
    }
}
