package dev.guild.workflows;

import dev.guild.tools.ToolRegistry;
import dev.guild.workflows.internal.activities.DefinitionActivitiesImpl;
import dev.guild.workflows.internal.activities.EventActivitiesImpl;
import dev.guild.workflows.internal.activities.ModelActivitiesImpl;
import dev.guild.workflows.internal.activities.RunEventActivitiesImpl;
import dev.guild.workflows.internal.activities.ScheduleActivitiesImpl;
import dev.guild.workflows.internal.activities.ToolActivitiesImpl;
import dev.guild.workflows.internal.workflow.AgentWorkflowImpl;
import dev.guild.workflows.internal.workflow.RunWorkflowImpl;
import dev.guild.workflows.internal.workflow.ScheduleWorkflowImpl;
import dev.guild.workflows.ports.DefinitionLookup;
import dev.guild.workflows.ports.DefinitionSource;
import dev.guild.workflows.ports.EventPublisher;
import dev.guild.workflows.ports.EventSubscriptions;
import dev.guild.workflows.ports.RunEventSink;
import dev.guild.workflows.ports.TranscriptStore;
import dev.langchain4j.model.chat.ChatModel;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;

import java.util.List;

/**
 * Registers Guild's workflows and activities on a Temporal {@link WorkerFactory}, one worker per task queue, so
 * that a process can serve any subset (GPU nodes serve only {@link TaskQueues#MODEL}). Start the factory afterwards.
 */
public final class GuildWorkers {

    /** The workflow implementation classes (for {@code WorkflowReplayer} and custom registration). */
    public static final List<Class<?>> WORKFLOW_IMPLEMENTATIONS =
            List.of(RunWorkflowImpl.class, AgentWorkflowImpl.class, ScheduleWorkflowImpl.class);

    /** {@link RunWorkflow} and {@link AgentWorkflow} on {@link TaskQueues#AGENTS}, with the event local activity. */
    public static Worker registerWorkflows(WorkerFactory factory, RunEventSink events) {
        return registerWorkflows(factory, WorkerOptions.getDefaultInstance(), events);
    }

    /** As {@link #registerWorkflows(WorkerFactory, RunEventSink)}, with the worker's pollers and executors. */
    public static Worker registerWorkflows(WorkerFactory factory, WorkerOptions options, RunEventSink events) {
        warmUp();
        Worker worker = factory.newWorker(TaskQueues.AGENTS, options);
        worker.registerWorkflowImplementationTypes(RunWorkflowImpl.class, AgentWorkflowImpl.class);
        worker.registerActivitiesImplementations(new RunEventActivitiesImpl(events));
        return worker;
    }

    /** Model-call activities on {@link TaskQueues#MODEL}. */
    public static Worker registerModelActivities(WorkerFactory factory, ChatModel model, ToolRegistry tools,
                                                 TranscriptStore transcripts) {
        return registerModelActivities(factory, WorkerOptions.getDefaultInstance(), model, tools, transcripts);
    }

    /** As {@link #registerModelActivities(WorkerFactory, ChatModel, ToolRegistry, TranscriptStore)}, with options. */
    public static Worker registerModelActivities(WorkerFactory factory, WorkerOptions options, ChatModel model,
                                                 ToolRegistry tools, TranscriptStore transcripts) {
        Worker worker = factory.newWorker(TaskQueues.MODEL, options);
        worker.registerActivitiesImplementations(new ModelActivitiesImpl(model, tools, transcripts));
        return worker;
    }

    /** Tool-call activities on {@link TaskQueues#TOOLS}. */
    public static Worker registerToolActivities(WorkerFactory factory, ToolRegistry tools, TranscriptStore transcripts) {
        return registerToolActivities(factory, WorkerOptions.getDefaultInstance(), tools, transcripts);
    }

    /** As {@link #registerToolActivities(WorkerFactory, ToolRegistry, TranscriptStore)}, with options. */
    public static Worker registerToolActivities(WorkerFactory factory, WorkerOptions options, ToolRegistry tools,
                                                TranscriptStore transcripts) {
        Worker worker = factory.newWorker(TaskQueues.TOOLS, options);
        worker.registerActivitiesImplementations(new ToolActivitiesImpl(tools, transcripts));
        return worker;
    }

    /**
     * The schedulers ({@link dev.guild.workflows.schedule.ScheduleWorkflow}) and their activity on
     * {@link TaskQueues#SCHEDULES}; {@code definitions} gives the newest version of a workflow at each fire.
     */
    public static Worker registerSchedules(WorkerFactory factory, DefinitionSource definitions) {
        Worker worker = factory.newWorker(TaskQueues.SCHEDULES);
        worker.registerWorkflowImplementationTypes(ScheduleWorkflowImpl.class);
        worker.registerActivitiesImplementations(new ScheduleActivitiesImpl(definitions));
        return worker;
    }

    /**
     * The activities of {@code emit}, {@code listen} and {@code run: workflow} on {@link TaskQueues#TOOLS} (next to
     * the tool activities when that worker exists): publishing events, recording waiting runs, finding definitions.
     */
    public static Worker registerPlatformActivities(WorkerFactory factory, EventPublisher publisher,
                                                    EventSubscriptions subscriptions, DefinitionLookup definitions) {
        Worker worker = factory.tryGetWorker(TaskQueues.TOOLS);
        if (worker == null) {
            worker = factory.newWorker(TaskQueues.TOOLS);
        }
        worker.registerActivitiesImplementations(new EventActivitiesImpl(publisher, subscriptions),
                new DefinitionActivitiesImpl(definitions));
        return worker;
    }

    /** All three queues in one process. */
    public static void registerAll(WorkerFactory factory, ChatModel model, ToolRegistry tools,
                                   TranscriptStore transcripts, RunEventSink events) {
        registerAll(factory, WorkerOptions.getDefaultInstance(), WorkerOptions.getDefaultInstance(), model, tools,
                transcripts, events);
    }

    /** All three queues in one process: {@code workflowWorker} for the agents queue, {@code activityWorker} for both activity queues. */
    public static void registerAll(WorkerFactory factory, WorkerOptions workflowWorker, WorkerOptions activityWorker,
                                   ChatModel model, ToolRegistry tools, TranscriptStore transcripts, RunEventSink events) {
        registerWorkflows(factory, workflowWorker, events);
        registerModelActivities(factory, activityWorker, model, tools, transcripts);
        registerToolActivities(factory, activityWorker, tools, transcripts);
    }

    /**
     * Initialises what workflow code uses on first touch (jq built-ins, the JSON Schema validator, the YAML reader)
     * so that a cold workflow thread never holds on for seconds, which Temporal reports as a potential deadlock.
     * {@link #registerWorkflows} calls it; call it yourself before replaying histories.
     */
    public static void warmUp() {
        WorkflowWarmUp.run();
    }

    private GuildWorkers() {
    }
}
