package dev.guild.server.schedules;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.workflows.TaskQueues;
import dev.guild.workflows.schedule.ScheduleRequest;
import dev.guild.workflows.schedule.ScheduleSpec;
import dev.guild.workflows.schedule.ScheduleView;
import dev.guild.workflows.schedule.ScheduleWorkflow;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;

import dev.guild.server.sql.Sql;

import javax.sql.DataSource;
import java.util.List;
import java.util.Optional;

/**
 * The schedules: a registry in PostgreSQL (table {@code schedules}) and one scheduler workflow per schedule
 * ({@link ScheduleWorkflow}), started on demand and told about spec changes.
 */
public final class Schedules {
    public static final String FROM_DEFINITION = "definition";
    public static final String FROM_API = "api";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A registered schedule. */
    public record Entry(String id, String workflow, ScheduleSpec spec, String origin) {
    }

    private final DataSource dataSource;
    private final WorkflowClient client;

    public Schedules(DataSource dataSource, WorkflowClient client) {
        this.dataSource = dataSource;
        this.client = client;
    }

    /**
     * Registers the schedule (or updates its spec) and makes sure its scheduler runs with that spec.
     *
     * @param onlyIfNew refuse (return false) when the id is registered already
     * @return false when {@code onlyIfNew} and the id exists
     */
    public boolean ensure(ScheduleSpec spec, String origin, boolean onlyIfNew) {
        String sql = onlyIfNew
                ? "INSERT INTO schedules (schedule_id, workflow, spec, origin) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"
                : "INSERT INTO schedules (schedule_id, workflow, spec, origin) VALUES (?, ?, ?, ?) ON CONFLICT (schedule_id)"
                + " DO UPDATE SET workflow = EXCLUDED.workflow, spec = EXCLUDED.spec, updated_at = now()";
        int rows = Sql.update(dataSource, "storing schedule " + spec.scheduleId(), sql, spec.scheduleId(), spec.workflowName(), write(spec), origin);
        if (onlyIfNew && rows == 0) {
            return false;
        }
        startOrReconfigure(spec);
        return true;
    }

    /** Starts the scheduler of every registered schedule that is not running (at start-up). */
    public void resumeAll() {
        list().forEach(entry -> startOrReconfigure(entry.spec()));
    }

    private void startOrReconfigure(ScheduleSpec spec) {
        ScheduleWorkflow scheduler = client.newWorkflowStub(ScheduleWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(ScheduleWorkflow.workflowId(spec.scheduleId()))
                .setTaskQueue(TaskQueues.SCHEDULES)
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
                .build());
        try {
            WorkflowClient.start(scheduler::run, ScheduleRequest.start(spec));
        } catch (WorkflowExecutionAlreadyStarted e) {
            client.newWorkflowStub(ScheduleWorkflow.class, ScheduleWorkflow.workflowId(spec.scheduleId())).reconfigure(spec);
        }
    }

    /** The live state of a schedule's scheduler. */
    public ScheduleView describe(String id) {
        return stub(id).describe();
    }

    public ScheduleView pause(String id, String by) {
        return stub(id).pause(by);
    }

    public ScheduleView resume(String id, String by) {
        return stub(id).resume(by);
    }

    private ScheduleWorkflow stub(String id) {
        return client.newWorkflowStub(ScheduleWorkflow.class, ScheduleWorkflow.workflowId(id));
    }

    public Optional<Entry> find(String id) {
        return query("SELECT schedule_id, workflow, spec, origin FROM schedules WHERE schedule_id = ?", id).stream()
                .findFirst();
    }

    public List<Entry> list() {
        return query("SELECT schedule_id, workflow, spec, origin FROM schedules ORDER BY schedule_id");
    }



    private List<Entry> query(String sql, String... values) {
        return Sql.query(dataSource, "reading schedules", rows -> new Entry(rows.getString(1), rows.getString(2),
                JSON.readValue(rows.getString(3), ScheduleSpec.class), rows.getString(4)), sql, values);
    }

    private static String write(ScheduleSpec spec) {
        try {
            return JSON.writeValueAsString(spec);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write schedule " + spec.scheduleId() + " as JSON: " + e.getMessage(), e);
        }
    }
}
