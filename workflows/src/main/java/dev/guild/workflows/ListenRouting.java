package dev.guild.workflows;

import dev.guild.workflows.ports.EventSubscriptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;

import java.util.ArrayList;
import java.util.List;

/**
 * Delivers an incoming CloudEvent to the runs waiting for it: every {@link EventSubscription} the event matches gets
 * the {@link RunWorkflow#event} signal. The platform's consumer of {@code guild.events} calls it for each record;
 * a subscription whose run is gone is removed.
 */
public final class ListenRouting {

    /** Signals the matching runs; returns the subscriptions signalled. */
    public static List<EventSubscription> deliver(WorkflowClient client, EventSubscriptions subscriptions,
                                                  CloudEventMessage event) {
        List<EventSubscription> signalled = new ArrayList<>();
        for (EventSubscription subscription : subscriptions.all()) {
            if (!subscription.matches(event)) {
                continue;
            }
            try {
                client.newWorkflowStub(RunWorkflow.class, subscription.runId())
                        .event(new ListenedEvent(subscription.listenId(), event));
                signalled.add(subscription);
            } catch (WorkflowNotFoundException e) {
                subscriptions.unsubscribe(subscription.runId(), subscription.listenId());
            }
        }
        return signalled;
    }

    private ListenRouting() {
    }
}
