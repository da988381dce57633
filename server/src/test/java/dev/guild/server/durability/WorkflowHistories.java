package dev.guild.server.durability;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;

import java.util.List;

/** For failure messages: the event types of workflow histories on a Temporal frontend. */
final class WorkflowHistories {

    static String describe(String target, String namespace, List<String> workflowIds) {
        StringBuilder out = new StringBuilder();
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
        try {
            WorkflowClient client = WorkflowClient.newInstance(stubs,
                    WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
            for (String id : workflowIds) {
                out.append("--- history of workflow ").append(id).append(" ---\n");
                try {
                    for (HistoryEvent event : client.fetchHistory(id).getHistory().getEventsList()) {
                        out.append(event.getEventId()).append(' ').append(event.getEventType()).append(' ')
                                .append(event.getEventTime().getSeconds() % 3600).append('\n');
                    }
                } catch (RuntimeException e) {
                    out.append("(not available: ").append(e.getMessage()).append(")\n");
                }
            }
        } finally {
            stubs.shutdownNow();
        }
        return out.toString();
    }

    private WorkflowHistories() {
    }
}
