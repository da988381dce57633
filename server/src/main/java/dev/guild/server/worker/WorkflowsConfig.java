package dev.guild.server.worker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;

/** Workflow definitions and the Temporal worker of this process ({@code guild.workflows.*}). */
@ConfigMapping(prefix = "guild.workflows")
public interface WorkflowsConfig {

    /**
     * Directory of the workflow definitions ({@code *.yaml}, CNCF Serverless Workflow 1.0, Guild's profile), relative
     * to the working directory. All are validated at start; any problem stops the start with every problem listed.
     */
    @WithDefault("examples")
    Path dir();

    /**
     * Whether this process runs a Temporal worker for the agents, model and tools task queues. Turn it off for a
     * process that only serves HTTP and dispatches triggers.
     */
    @WithDefault("true")
    boolean worker();

    /**
     * Whether workflow tasks stick to the worker that ran the previous one (Temporal's sticky execution, a cache that
     * saves replaying history). Turn it off against the embedded Temporal test server in another process
     * ({@code dev-services}, which prints this setting): that server never moves a task off the sticky queue of a
     * worker that died, so a run whose platform was killed would wait forever. A Temporal cluster needs no change.
     */
    @WithDefault("true")
    boolean stickyExecution();

    /**
     * Workflow executions this process keeps cached (Temporal's sticky cache). A run that falls out of the cache
     * replays its whole history on its next workflow task, so keep it above the runs in flight (each agent step is a
     * run plus a child). Each cached run holds a workflow thread while it waits, so this is also the most workflow
     * threads.
     */
    @WithDefault("2048")
    int cacheSize();

    /** Concurrent long polls for workflow tasks ({@code guild-agents}); the Temporal SDK's default. */
    @WithDefault("5")
    int workflowPollers();

    /** Concurrent long polls per activity task queue ({@code guild-model}, {@code guild-tools}); the SDK's default. */
    @WithDefault("5")
    int activityPollers();
}
