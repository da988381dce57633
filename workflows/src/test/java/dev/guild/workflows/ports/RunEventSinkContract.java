package dev.guild.workflows.ports;

import dev.guild.workflows.RunEvent;
import dev.guild.workflows.RunEventTypes;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link RunEventSink} contract: what is published can be read back, in order, with id, type, time and data
 * intact, and publishing the same event again (an activity retry) is allowed. An implementation's test extends
 * this class; the server's Kafka sink runs it against its broker (this module's test jar).
 */
public abstract class RunEventSinkContract {

    protected abstract RunEventSink sink();

    /**
     * The events of {@code runId} as a consumer sees them after deduplication by id, in the order received.
     * Waits for them as long as the implementation needs (a broker round trip).
     */
    protected abstract List<RunEvent> readBack(String runId, int expected);

    private static RunEvent event(String runId, long sequence, String type, String data) {
        return new RunEvent(RunEvent.id(runId, sequence), runId, sequence, type, "2026-01-01T00:00:0" + sequence + "Z", data);
    }

    @Test
    void events_of_a_run_are_read_back_in_order_with_their_fields() {
        String runId = "contract-order-" + System.nanoTime();
        RunEventSink sink = sink();
        sink.publish(event(runId, 1, RunEventTypes.RUN_STARTED, "{\"workflowName\":\"hello\"}"));
        sink.publish(event(runId, 2, RunEventTypes.STEP_STARTED, "{\"step\":\"greet\"}"));
        sink.publish(event(runId, 3, RunEventTypes.RUN_COMPLETED, "{\"output\":{\"a\":1}}"));

        List<RunEvent> events = readBack(runId, 3);
        assertThat(events).extracting(RunEvent::id).containsExactly(runId + "/1", runId + "/2", runId + "/3");
        assertThat(events).extracting(RunEvent::type)
                .containsExactly(RunEventTypes.RUN_STARTED, RunEventTypes.STEP_STARTED, RunEventTypes.RUN_COMPLETED);
        assertThat(events.get(2).data()).isEqualTo("{\"output\":{\"a\":1}}");
        assertThat(events.get(0).time()).isEqualTo("2026-01-01T00:00:01Z");
    }

    @Test
    void publishing_an_event_twice_is_allowed_and_reads_back_once_after_dedupe() {
        String runId = "contract-dupe-" + System.nanoTime();
        RunEventSink sink = sink();
        RunEvent started = event(runId, 1, RunEventTypes.RUN_STARTED, "{}");
        sink.publish(started);
        sink.publish(started);
        sink.publish(event(runId, 2, RunEventTypes.RUN_FAILED, "{\"error\":\"x\"}"));

        assertThat(readBack(runId, 2)).extracting(RunEvent::sequence).containsExactly(1L, 2L);
    }

    @Test
    void a_batch_is_read_back_in_order_and_a_retried_batch_once_after_dedupe() {
        String runId = "contract-batch-" + System.nanoTime();
        RunEventSink sink = sink();
        List<RunEvent> first = List.of(event(runId, 1, RunEventTypes.RUN_STARTED, "{}"),
                event(runId, 2, RunEventTypes.STEP_STARTED, "{\"step\":\"a\"}"),
                event(runId, 3, RunEventTypes.TOOL_CALLED, "{\"tool\":\"t\"}"));
        sink.publishAll(first);
        sink.publishAll(first); // the local activity retried after the sink had accepted
        sink.publishAll(List.of(event(runId, 4, RunEventTypes.TOOL_COMPLETED, "{\"ok\":true}"),
                event(runId, 5, RunEventTypes.RUN_COMPLETED, "{\"output\":1}")));

        List<RunEvent> events = readBack(runId, 5);
        assertThat(events).extracting(RunEvent::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(events.get(1).data()).isEqualTo("{\"step\":\"a\"}");
    }
}
