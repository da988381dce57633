package dev.guild.workflows;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * One run event (see docs/run-events.md). Published as a CloudEvent: {@code id} = {@link #id()},
 * {@code type} = {@link #type()}, {@code subject} = run id, {@code time} = {@link #time()},
 * data = {@link #data()} ({@code application/json}). The id is deterministic: a retried publication carries
 * the same id, so consumers dedupe by it.
 *
 * @param id       {@code <runId>/<sequence>}
 * @param sequence 1, 2, 3, ... within the run, in emission order
 * @param type     one of {@link RunEventTypes}
 * @param time     RFC 3339 UTC, from workflow time
 * @param data     JSON object text; its fields per type are documented in docs/run-events.md
 */
public record RunEvent(@JsonProperty("id") String id,
                       @JsonProperty("runId") String runId,
                       @JsonProperty("sequence") long sequence,
                       @JsonProperty("type") String type,
                       @JsonProperty("time") String time,
                       @JsonProperty("data") String data) {

    @JsonCreator
    public RunEvent {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(type, "type");
        if (!RunEventTypes.ALL.contains(type)) {
            throw new IllegalArgumentException("unknown run event type '" + type + "'; known: " + RunEventTypes.ALL);
        }
        if (!id(runId, sequence).equals(id)) {
            throw new IllegalArgumentException("event id '" + id + "' must be '" + id(runId, sequence) + "'");
        }
    }

    public static String id(String runId, long sequence) {
        return runId + "/" + sequence;
    }
}
