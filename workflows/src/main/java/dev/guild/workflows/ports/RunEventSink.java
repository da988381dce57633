package dev.guild.workflows.ports;

import dev.guild.workflows.RunEvent;

/**
 * Where run events go (the server publishes them to Kafka {@code guild.run-events}, key = run id).
 *
 * <p>Contract: {@link #publish} returns only once the event is durably accepted, and throws otherwise (the
 * activity is retried). It may be called again with an event already published (same {@link RunEvent#id()}):
 * publishing it twice is allowed, consumers dedupe by id. Events of one run are published one at a time, in
 * sequence order. Contract test: {@code RunEventSinkContract} in this module's test jar.
 */
public interface RunEventSink {
    void publish(RunEvent event);
}
