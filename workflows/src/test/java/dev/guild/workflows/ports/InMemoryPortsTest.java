package dev.guild.workflows.ports;

import dev.guild.workflows.RunEvent;
import dev.guild.workflows.testing.InMemoryTranscriptStore;
import dev.guild.workflows.testing.RecordingRunEventSink;
import org.junit.jupiter.api.Nested;

import java.util.List;

/** The test doubles used by the workflow tests keep the same contracts as the real stores. */
class InMemoryPortsTest {

    @Nested
    class Transcripts extends TranscriptStoreContract {
        @Override
        protected TranscriptStore store() {
            return new InMemoryTranscriptStore();
        }
    }

    @Nested
    class Events extends RunEventSinkContract {
        private final RecordingRunEventSink sink = new RecordingRunEventSink();

        @Override
        protected RunEventSink sink() {
            return sink;
        }

        @Override
        protected List<RunEvent> readBack(String runId, int expected) {
            return sink.events(runId);
        }
    }
}
