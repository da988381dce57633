package dev.guild.server.events;

import dev.guild.workflows.RunEvent;
import dev.guild.workflows.ports.RunEventSink;
import dev.guild.workflows.ports.RunEventSinkContract;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workflows' RunEventSink contract against the Kafka sink on the embedded broker, read back as the platform
 * consumes it: from guild.run-events into PostgreSQL, deduplicated by event id.
 */
@QuarkusTest
class KafkaRunEventSinkTest extends RunEventSinkContract {

    @Inject
    RunEventSink sink;

    @Inject
    RunEventStore store;

    @Override
    protected RunEventSink sink() {
        return sink;
    }

    @Override
    protected List<RunEvent> readBack(String runId, int expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            List<RunEvent> events = store.events(runId, 0, 1000);
            if (events.size() >= expected) {
                return events;
            }
            assertThat(System.nanoTime()).as("%d events of %s stored in time", expected, runId).isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
