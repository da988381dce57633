package dev.guild.server.listen;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.server.embedded.KafkaEndpoint;
import dev.guild.tools.ToolRegistry;
import dev.guild.workflows.RunResult;
import dev.guild.workflows.RunState;
import dev.guild.workflows.RunTrigger;
import dev.guild.workflows.RunWorkflow;
import dev.guild.workflows.TaskQueues;
import dev.guild.workflows.definition.DefinitionRepository;
import dev.guild.workflows.ports.EventSubscriptions;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code emit} and {@code listen} through the real parts: one run waits in {@code listen} (its subscription in
 * PostgreSQL), another run emits the matching CloudEvent to Kafka {@code guild.events}, the platform's consumer
 * signals the waiting run, which completes with the event. A record that is not a CloudEvent is skipped (dead-lettered)
 * without stopping delivery.
 */
@QuarkusTest
class EmitListenTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RunTrigger TRIGGER = new RunTrigger("api", "test", null);

    private static final String LISTENER = """
            document: {dsl: '1.0.0', namespace: test, name: wait-for-payment, version: '1.0.0'}
            do:
              - awaitPayment:
                  listen:
                    to:
                      one:
                        with:
                          type: com.example.order.paid
                          orderid: ${ .orderId }
                  output:
                    as: '${ {amount: .[0].data.amount, source: .[0].source} }'
            """;

    private static final String EMITTER = """
            document: {dsl: '1.0.0', namespace: test, name: pay, version: '1.0.0'}
            do:
              - paid:
                  emit:
                    event:
                      with:
                        source: https://pay.example.org
                        type: com.example.order.paid
                        orderid: ${ .orderId }
                        data:
                          amount: ${ .amount }
            """;

    @Inject
    WorkflowClient client;

    @Inject
    ToolRegistry tools;

    @Inject
    EventSubscriptions subscriptions;

    @Inject
    KafkaEndpoint kafka;

    private RunWorkflow stub(String runId) {
        return client.newWorkflowStub(RunWorkflow.class, WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.AGENTS).setWorkflowId(runId).build());
    }

    @Test
    void a_run_waiting_in_listen_is_signalled_with_the_event_another_run_emits() throws Exception {
        String suffix = Long.toString(System.nanoTime());
        String orderId = "A-" + suffix;
        String listenerId = "listener-" + suffix;
        RunWorkflow listener = stub(listenerId);
        WorkflowClient.start(listener::run, DefinitionRepository.parse("listener.yaml", LISTENER, tools)
                .runRequest(listenerId, TRIGGER, "{\"orderId\":\"" + orderId + "\"}"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (subscriptions.all().stream().noneMatch(s -> s.runId().equals(listenerId))) {
            assertThat(System.nanoTime()).as("the listen is recorded in time").isLessThan(deadline);
            Thread.sleep(20);
        }

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.clientConfig(), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("guild.events", "junk", "not a cloud event".getBytes(StandardCharsets.UTF_8)))
                    .get(10, TimeUnit.SECONDS);
        }
        String otherId = "payer-other-" + suffix;
        RunResult other = stub(otherId).run(DefinitionRepository.parse("pay.yaml", EMITTER, tools)
                .runRequest(otherId, TRIGGER, "{\"orderId\":\"B-" + suffix + "\",\"amount\":1}"));
        String payerId = "payer-" + suffix;
        RunResult paid = stub(payerId).run(DefinitionRepository.parse("pay.yaml", EMITTER, tools)
                .runRequest(payerId, TRIGGER, "{\"orderId\":\"" + orderId + "\",\"amount\":12}"));
        assertThat(other.state()).isEqualTo(RunState.COMPLETED);
        assertThat(paid.state()).isEqualTo(RunState.COMPLETED);

        RunResult result = WorkflowStub.fromTyped(listener).getResult(20, TimeUnit.SECONDS, RunResult.class);
        assertThat(result.error()).isNull();
        assertThat(JSON.readTree(result.output())).isEqualTo(JSON.readTree(
                "{\"amount\":12,\"source\":\"https://pay.example.org\"}"));
        assertThat(subscriptions.all()).noneMatch(s -> s.runId().equals(listenerId));
    }
}
