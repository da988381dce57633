package dev.guild.workflows.testing;

import dev.guild.tools.Tool;
import dev.guild.tools.ToolRegistry;
import dev.guild.workflows.GuildWorkers;
import dev.guild.workflows.TaskQueues;
import dev.guild.workflows.definition.WorkflowDefinition;
import dev.guild.workflows.ports.TranscriptStore;
import dev.langchain4j.model.chat.ChatModel;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.ServiceLoader;

/** Temporal's in-memory test server with Guild's workers on all three queues. Close it after the test. */
public final class WorkflowTestBed implements AutoCloseable {

    public final TestWorkflowEnvironment env;
    public final InMemoryTranscriptStore transcripts = new InMemoryTranscriptStore();
    public final RecordingRunEventSink events = new RecordingRunEventSink();
    public final NoteTool notes = new NoteTool();
    public final GateTool gate = new GateTool();
    public final ToolRegistry tools;
    /** The definitions schedules start (the newest version of each name); fill it before a schedule fires. */
    public final Map<String, WorkflowDefinition> definitions = new ConcurrentHashMap<>();

    public WorkflowTestBed(ChatModel model) {
        this(model, null);
    }

    /** @param transcriptStore a store to use instead of {@link #transcripts} (e.g. one that fails on purpose) */
    public WorkflowTestBed(ChatModel model, TranscriptStore transcriptStore) {
        List<Tool> all = new ArrayList<>();
        ServiceLoader.load(Tool.class).forEach(all::add);
        all.add(notes);
        all.add(gate);
        tools = ToolRegistry.of(all);
        env = TestWorkflowEnvironment.newInstance();
        GuildWorkers.registerAll(env.getWorkerFactory(), model, tools,
                transcriptStore == null ? transcripts : transcriptStore, events);
        GuildWorkers.registerSchedules(env.getWorkerFactory(), name -> Optional.ofNullable(definitions.get(name)));
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
