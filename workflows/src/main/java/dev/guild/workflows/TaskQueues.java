package dev.guild.workflows;

/** Temporal task queue names. Workers scale per queue: GPU nodes poll {@link #MODEL} next to a runtime. */
public final class TaskQueues {
    /** Workflow tasks: {@code RunWorkflow} and {@code AgentWorkflow}. */
    public static final String AGENTS = "guild-agents";
    /** Tool activities. */
    public static final String TOOLS = "guild-tools";
    /** Model-call activities; served by workers co-located with a model runtime. */
    public static final String MODEL = "guild-model";
    /** The schedulers ({@code ScheduleWorkflow}) and their activity; the runs they start go to {@link #AGENTS}. */
    public static final String SCHEDULES = "guild-schedules";

    private TaskQueues() {
    }
}
