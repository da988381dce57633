package dev.guild.server.dispatch.internal;

import dev.guild.server.dispatch.ConsumerLoop;
import dev.guild.server.dispatch.DeadLetters;

import dev.guild.server.hooks.DedupeKey;
import dev.guild.server.hooks.TriggerEvents;
import dev.guild.server.hooks.WorkflowCatalog;
import dev.guild.workflows.RunRequest;
import dev.guild.workflows.RunTrigger;
import dev.guild.workflows.RunWorkflow;
import dev.guild.workflows.TaskQueues;
import dev.guild.workflows.definition.WorkflowDefinition;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Turns accepted triggers ({@code guild.trigger.received} CloudEvents on {@code guild.triggers}) into Temporal
 * starts of {@link RunWorkflow} with workflow id = run id (derived from the dedupe key), on exactly the workflow
 * version the webhook validated (extension {@link TriggerEvents#EXT_WORKFLOW_HASH}). A start that finds the
 * workflow already started is a retried delivery and counts as done. A record that can never start (not a trigger
 * event, unknown workflow, key and event disagreeing) goes to the dead-letter topic. Any other failure is treated
 * as transient: the batch fails, nothing is committed, and {@link ConsumerLoop} retries it.
 */
public final class TriggerDispatcher implements ConsumerLoop.BatchHandler {
    public static final String NAME = "guild-dispatcher";
    private static final Logger LOG = Logger.getLogger(TriggerDispatcher.class);
    private static final Set<Status.Code> PERMANENT = Set.of(Status.Code.INVALID_ARGUMENT);

    /** A record that can never be started. */
    static final class Unstartable extends Exception {
        Unstartable(String message) {
            super(message);
        }
    }

    private final WorkflowClient client;
    private final WorkflowCatalog workflows;
    private final DeadLetters deadLetters;
    private final ExecutorService starters;

    /** @param starters runs the Temporal starts of one batch in parallel */
    public TriggerDispatcher(WorkflowClient client, WorkflowCatalog workflows, DeadLetters deadLetters,
                             ExecutorService starters) {
        this.client = client;
        this.workflows = workflows;
        this.deadLetters = deadLetters;
        this.starters = starters;
    }

    @Override
    public void handle(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        List<CompletableFuture<Void>> starts = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            RunRequest request;
            try {
                request = toRunRequest(record);
            } catch (Unstartable e) {
                deadLetters.send(record, NAME, e.getMessage());
                continue;
            }
            starts.add(CompletableFuture.runAsync(() -> start(record, request), starters));
        }
        CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
    }

    /** Reads and checks one trigger record. */
    RunRequest toRunRequest(ConsumerRecord<String, byte[]> record) throws Unstartable {
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(record).toEvent();
        } catch (RuntimeException e) {
            throw new Unstartable("not a binary-mode CloudEvent: " + e.getMessage());
        }
        if (!TriggerEvents.TYPE_RECEIVED.equals(event.getType())) {
            throw new Unstartable("CloudEvent type '" + event.getType() + "' is not " + TriggerEvents.TYPE_RECEIVED);
        }
        DedupeKey key;
        try {
            key = DedupeKey.parse(record.key());
        } catch (IllegalArgumentException e) {
            throw new Unstartable(e.getMessage());
        }
        Object runId = event.getExtension(TriggerEvents.EXT_RUN_ID);
        if (!key.runId().equals(String.valueOf(runId)) || !key.webhookId().equals(event.getId())) {
            throw new Unstartable("record key '" + record.key() + "' (run id " + key.runId() + ") does not match the"
                    + " event's id '" + event.getId() + "' and runid '" + runId + "'");
        }
        WorkflowDefinition definition = definition(event);
        String input = event.getData() == null ? "{}" : new String(event.getData().toBytes(), StandardCharsets.UTF_8);
        return definition.runRequest(key.runId(), new RunTrigger("webhook", key.trigger(), key.webhookId()), input);
    }

    /**
     * The version the delivery was validated against ({@link TriggerEvents#EXT_WORKFLOW_HASH}); a record without the
     * extension (written by an older edge) starts the newest version, as it did then.
     */
    private WorkflowDefinition definition(CloudEvent event) throws Unstartable {
        String workflow = String.valueOf(event.getExtension(TriggerEvents.EXT_WORKFLOW));
        Object hash = event.getExtension(TriggerEvents.EXT_WORKFLOW_HASH);
        if (hash == null) {
            return workflows.find(workflow).orElseThrow(() -> new Unstartable("no workflow definition named '"
                    + workflow + "' is loaded (loaded: " + workflows.names() + ")"));
        }
        return workflows.find(workflow, hash.toString()).orElseThrow(() -> new Unstartable("workflow '" + workflow
                + "' has no stored version " + TriggerEvents.EXT_WORKFLOW_HASH + "=" + hash + " (the version the"
                + " delivery was validated against); versions are never deleted, so the record comes from another"
                + " database: replay it where that version is stored, or drop the extension to start the newest"));
    }

    private void start(ConsumerRecord<String, byte[]> record, RunRequest request) {
        WorkflowOptions options = WorkflowOptions.newBuilder()
                .setWorkflowId(request.runId())
                .setTaskQueue(TaskQueues.AGENTS)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .build();
        RunWorkflow workflow = client.newWorkflowStub(RunWorkflow.class, options);
        try {
            WorkflowClient.start(workflow::run, request);
            LOG.debugf("started run %s of %s", request.runId(), request.workflowName());
        } catch (WorkflowExecutionAlreadyStarted e) {
            LOG.debugf("run %s was already started (a retried delivery)", request.runId());
        } catch (WorkflowServiceException e) {
            if (e.getCause() instanceof StatusRuntimeException s && PERMANENT.contains(s.getStatus().getCode())) {
                try {
                    deadLetters.send(record, NAME, "Temporal refused the start of run " + request.runId() + ": "
                            + s.getStatus());
                    return;
                } catch (Exception dlq) {
                    e.addSuppressed(dlq);
                }
            }
            throw e;
        }
    }
}
