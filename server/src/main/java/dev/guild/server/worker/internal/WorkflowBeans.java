package dev.guild.server.worker.internal;

import dev.guild.server.worker.ToolsConfig;
import dev.guild.server.worker.WorkflowsConfig;

import dev.guild.server.definitions.DefinitionStore;
import dev.guild.server.definitions.StoredVersion;
import dev.guild.server.definitions.internal.StoredWorkflowCatalog;
import dev.guild.server.embedded.GuildServices;
import dev.guild.server.hooks.WorkflowCatalog;
import dev.guild.tools.ToolEnvironment;
import dev.guild.tools.ToolRegistry;
import dev.guild.workflows.GuildWorkers;
import dev.guild.workflows.definition.DefinitionRepository;
import dev.guild.workflows.definition.WorkflowDefinition;
import dev.guild.workflows.ports.EventPublisher;
import dev.guild.workflows.ports.EventSubscriptions;
import dev.guild.workflows.ports.RunEventSink;
import dev.guild.workflows.ports.TranscriptStore;
import dev.langchain4j.model.chat.ChatModel;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.StartupEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import javax.sql.DataSource;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The tools, the workflow definitions (loaded and validated at start) and the Temporal worker that runs
 * {@code RunWorkflow}/{@code AgentWorkflow} and their activities on the agents, model and tools task queues.
 */
@Singleton
public class WorkflowBeans {
    private static final Logger LOG = Logger.getLogger(WorkflowBeans.class);
    private WorkerFactory factory;

    /**
     * The tools on the class path, plain and from {@link dev.guild.tools.ToolProvider}s, given the platform's
     * environment: the data directory, the migrated PostgreSQL, the artifact store and every {@code guild.tools.*}
     * key. A tool set with problems stops the start, listing them.
     */
    @Produces
    @Singleton
    ToolRegistry tools(ToolsConfig config, GuildServices services, DataSource dataSource, Config settings) {
        ToolEnvironment environment = ConfiguredTools.environment(services.dataDir(), dataSource, settings);
        ToolRegistry tools = ConfiguredTools.apply(config.httpRequest(),
                ToolRegistry.load(Thread.currentThread().getContextClassLoader(), environment));
        tools.unavailable().forEach(LOG::info);
        return tools;
    }

    /**
     * The definitions of {@code guild.workflows.dir}, validated (any problem stops the start) and stored as versions;
     * new runs start with the newest stored version of a name, whether it came from the directory or the API.
     */
    @Produces
    @Singleton
    @Startup
    WorkflowCatalog workflows(WorkflowsConfig config, ToolRegistry tools, DefinitionStore store) {
        DefinitionRepository repository = DefinitionRepository.loadDirectory(config.dir(), tools);
        for (WorkflowDefinition definition : repository.all()) {
            store.save(definition, StoredVersion.DIRECTORY);
        }
        StoredWorkflowCatalog catalog = new StoredWorkflowCatalog(store, tools);
        LOG.infof("workflow definitions from %s stored as versions; known workflows: %s; tools: %s",
                config.dir().toAbsolutePath().normalize(), catalog.names(), tools.names());
        return catalog;
    }

    void start(@Observes StartupEvent start, WorkflowsConfig config, WorkflowClient client, ChatModel model,
               ToolRegistry tools, TranscriptStore transcripts, RunEventSink events, EventPublisher publisher,
               EventSubscriptions subscriptions, WorkflowCatalog catalog) {
        if (!config.worker()) {
            LOG.info("Temporal worker off (guild.workflows.worker=false): this process only serves HTTP and dispatches");
            return;
        }
        requirePositive("guild.workflows.cache-size", config.cacheSize(), 2048);
        requirePositive("guild.workflows.workflow-pollers", config.workflowPollers(), 5);
        requirePositive("guild.workflows.activity-pollers", config.activityPollers(), 5);
        WorkerFactoryOptions.Builder options = WorkerFactoryOptions.newBuilder()
                .setWorkflowCacheSize(config.cacheSize())
                .setMaxWorkflowThreadCount(config.cacheSize());
        if (!config.stickyExecution()) {
            // a zero sticky schedule-to-start timeout: workers send no sticky attributes, tasks stay on the shared queue
            options.setWorkflowHostLocalTaskQueueScheduleToStartTimeout(Duration.ZERO);
        }
        factory = WorkerFactory.newInstance(client, options.build());
        GuildWorkers.registerAll(factory,
                WorkerOptions.newBuilder().setMaxConcurrentWorkflowTaskPollers(config.workflowPollers()).build(),
                WorkerOptions.newBuilder().setMaxConcurrentActivityTaskPollers(config.activityPollers()).build(),
                model, tools, transcripts, events);
        GuildWorkers.registerSchedules(factory, catalog::find);
        // emit, listen and run.workflow; child workflows are looked up among the loaded definitions
        GuildWorkers.registerPlatformActivities(factory, publisher, subscriptions, (namespace, name, version) ->
                catalog.find(name).filter(d -> d.namespace().equals(namespace) && (version == null || version.equals(d.version()))));
        factory.start();
        LOG.infof("Temporal worker polling task queues guild-agents, guild-model, guild-tools, guild-schedules (model: %s; sticky execution %s)",
                model.getClass().getSimpleName(), config.stickyExecution() ? "on" : "off");
    }

    private static void requirePositive(String property, int value, int fallback) {
        if (value < 1) {
            throw new IllegalStateException(property + "=" + value + " must be at least 1; remove it for the default ("
                    + fallback + ")");
        }
    }

    void stop(@Observes ShutdownEvent stop) {
        if (factory != null) {
            factory.shutdown();
            factory.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
