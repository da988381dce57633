package dev.guild.workflows.testing;

import dev.guild.tools.Tool;
import dev.guild.tools.ToolRegistry;
import dev.guild.tools.http.HttpRequestTool;
import dev.guild.workflows.GuildWorkers;
import dev.guild.workflows.TaskQueues;
import dev.guild.workflows.ports.TranscriptStore;
import dev.langchain4j.model.chat.ChatModel;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Temporal's in-memory test server with Guild's workers on all three queues. Close it after the test. */
public final class WorkflowTestBed implements AutoCloseable {

    public final TestWorkflowEnvironment env;
    public final InMemoryTranscriptStore transcripts = new InMemoryTranscriptStore();
    public final RecordingRunEventSink events = new RecordingRunEventSink();
    public final NoteTool notes = new NoteTool();
    public final GateTool gate = new GateTool();
    public final FlakyTool flaky = new FlakyTool();
    public final InMemoryEventBus bus = new InMemoryEventBus();
    public final MutableDefinitions definitions = new MutableDefinitions();
    public final ToolRegistry tools;

    public WorkflowTestBed(ChatModel model) {
        this(model, (TranscriptStore) null);
    }

    /** @param transcriptStore a store to use instead of {@link #transcripts} (e.g. one that fails on purpose) */
    public WorkflowTestBed(ChatModel model, TranscriptStore transcriptStore) {
        this(model, transcriptStore, ToolRegistry.load(WorkflowTestBed.class.getClassLoader()).tools());
    }

    /** @param builtIn the built-in tools to register (e.g. a registry's with its providers' tools; see {@link Examples}) */
    public WorkflowTestBed(ChatModel model, ToolRegistry builtIn) {
        this(model, null, builtIn.tools());
    }

    private WorkflowTestBed(ChatModel model, TranscriptStore transcriptStore, java.util.Collection<Tool> builtIn) {
        List<Tool> all = new ArrayList<>();
        builtIn.forEach(tool -> {
            if (!tool.name().equals("http_request")) {
                all.add(tool);
            }
        });
        // the tests' HTTP servers listen on the loopback address, which http_request refuses by default
        all.add(new HttpRequestTool(new HttpRequestTool.Settings(Set.of("127.0.0.1", "localhost"),
                Duration.ofSeconds(10), 256 * 1024, 2)));
        all.add(notes);
        all.add(gate);
        all.add(flaky);
        tools = ToolRegistry.of(all);
        env = TestWorkflowEnvironment.newInstance();
        GuildWorkers.registerAll(env.getWorkerFactory(), model, tools,
                transcriptStore == null ? transcripts : transcriptStore, events);
        GuildWorkers.registerPlatformActivities(env.getWorkerFactory(), bus, bus, definitions);
        GuildWorkers.registerSchedules(env.getWorkerFactory(), definitions::latest);
        env.start();
    }

    public WorkflowClient client() {
        return env.getWorkflowClient();
    }

    public <T> T newWorkflow(Class<T> type, String workflowId) {
        return client().newWorkflowStub(type, WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.AGENTS)
                .setWorkflowId(workflowId)
                .build());
    }

    @Override
    public void close() {
        env.close();
    }
}
