package dev.guild.server.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.server.config.GuildTopics;
import dev.guild.server.dispatch.DeadLetters;
import dev.guild.server.dispatch.internal.TriggerDispatcher;
import dev.guild.server.embedded.KafkaEndpoint;
import dev.guild.server.worker.ToolThenAnswerChatModel;
import dev.guild.workflows.RunEventTypes;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end through HTTP, Kafka, Temporal and PostgreSQL, all real and embedded: a signed webhook is accepted
 * (202), published to guild.triggers, dispatched to Temporal; the agent's scripted model calls a tool, then answers;
 * the run completes, its events arrive on guild.run-events in order, and the run API shows the result.
 */
@QuarkusTest
class WebhookEndToEndTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    @Inject
    KafkaEndpoint kafka;

    @Inject
    ToolThenAnswerChatModel model;

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static boolean terminal(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().anyMatch(r -> RunEventTypes.isTerminal(header(r, "ce_type")));
    }

    @Test
    void signed_webhook_runs_the_agent_to_completion_and_a_retried_delivery_starts_nothing_new() throws Exception {
        Deliveries deliveries = new Deliveries(base.toURI());
        String webhookId = "msg_e2e_" + System.nanoTime();
        try (TopicReader triggers = new TopicReader(kafka, GuildTopics.TRIGGERS);
             TopicReader events = new TopicReader(kafka, GuildTopics.RUN_EVENTS)) {
            int modelCallsBefore = model.calls();
            HttpResponse<String> accepted = deliveries.send("hello-agent", webhookId, "{\"name\": \"Ada\"}");
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            JsonNode answer = JSON.readTree(accepted.body());
            String runId = answer.get("runId").asText();
            assertThat(runId).isEqualTo(new DedupeKey("hello-agent", webhookId).runId());
            assertThat(answer.get("status").asText()).isEqualTo("/api/runs/" + runId);
            // the run is known from its 202 on, before its first event is stored (never a 404 in between)
            HttpResponse<String> early = deliveries.get("/api/runs/" + runId);
            assertThat(early.statusCode()).as(early.body()).isEqualTo(200);
            assertThat(JSON.readTree(early.body()).get("state").asText()).isIn("accepted", "running", "completed");

            // the trigger as a binary-mode CloudEvent keyed by the dedupe key
            ConsumerRecord<String, byte[]> trigger = triggers.read(r -> true, r -> !r.isEmpty(),
                    Duration.ofSeconds(10)).getFirst();
            assertThat(trigger.key()).isEqualTo("hello-agent/" + webhookId);
            assertThat(header(trigger, "ce_id")).isEqualTo(webhookId);
            assertThat(header(trigger, "ce_source")).isEqualTo("/hooks/hello-agent");
            assertThat(header(trigger, "ce_type")).isEqualTo(TriggerEvents.TYPE_RECEIVED);
            assertThat(header(trigger, "ce_specversion")).isEqualTo("1.0");
            assertThat(new String(trigger.value(), StandardCharsets.UTF_8)).isEqualTo("{\"name\": \"Ada\"}");

            // the run's events, in order, keyed by run id
            List<ConsumerRecord<String, byte[]>> runEvents = events.read(r -> runId.equals(r.key()),
                    WebhookEndToEndTest::terminal, Duration.ofSeconds(60));
            List<String> types = runEvents.stream().map(r -> header(r, "ce_type")).toList();
            assertThat(types).first().isEqualTo(RunEventTypes.RUN_STARTED);
            assertThat(types).last().isEqualTo(RunEventTypes.RUN_COMPLETED);
            assertThat(types).containsSubsequence(RunEventTypes.STEP_STARTED, RunEventTypes.MODEL_COMPLETED,
                    RunEventTypes.TOOL_CALLED, RunEventTypes.TOOL_COMPLETED, RunEventTypes.MODEL_COMPLETED,
                    RunEventTypes.RUN_COMPLETED);
            List<String> ids = runEvents.stream().map(r -> header(r, "ce_id")).distinct().toList();
            for (int i = 0; i < ids.size(); i++) {
                assertThat(ids.get(i)).isEqualTo(runId + "/" + (i + 1));
            }
            assertThat(model.calls() - modelCallsBefore).isEqualTo(2);

            // the run API
            JsonNode run = awaitCompleted(deliveries, runId);
            assertThat(run.get("workflowName").asText()).isEqualTo("hello-agent");
            assertThat(run.get("result").get("greeting").asText()).isEqualTo("Hello, Ada! Welcome to Guild.");
            assertThat(run.get("result").get("name").asText()).isEqualTo("Ada");
            assertThat(run.get("toolCalls")).singleElement().satisfies(call -> {
                assertThat(call.get("tool").asText()).isEqualTo("render_template");
                assertThat(call.get("ok").asBoolean()).isTrue();
            });
            assertThat(run.get("steps")).extracting(s -> s.get("name").asText()).containsExactly("greet", "answer");

            // a retried delivery: same webhook-id, new attempt timestamp. (The sink may publish an event twice,
            // same id, when an activity is retried: count run.started records before and after, not "exactly 1".)
            int runStartedBefore = events.read(r -> runId.equals(r.key())
                    && RunEventTypes.RUN_STARTED.equals(header(r, "ce_type")), r -> false, Duration.ZERO).size();
            HttpResponse<String> retried = deliveries.send("hello-agent", webhookId, "{\"name\": \"Ada\"}");
            assertThat(retried.statusCode()).isEqualTo(202);
            assertThat(JSON.readTree(retried.body()).get("runId").asText()).isEqualTo(runId);
            ConsumerRecord<String, byte[]> second = triggers.read(r -> true, r -> r.size() == 2,
                    Duration.ofSeconds(10)).get(1);
            awaitDispatched(second);
            assertThat(events.read(r -> runId.equals(r.key()) && RunEventTypes.RUN_STARTED.equals(
                    header(r, "ce_type")), r -> r.size() > runStartedBefore, Duration.ofSeconds(1)))
                    .as("no second run started").hasSize(runStartedBefore)
                    .allSatisfy(r -> assertThat(header(r, "ce_id")).isEqualTo(runId + "/1"));
            assertThat(awaitCompleted(deliveries, runId).get("lastSequence")).isEqualTo(run.get("lastSequence"));
            assertThat(model.calls() - modelCallsBefore).isEqualTo(2);
        }
    }

    @Test
    void a_trigger_record_that_can_never_start_goes_to_the_dead_letter_topic() throws Exception {
        try (TopicReader dead = new TopicReader(kafka, GuildTopics.DEAD_LETTER);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.clientConfig(),
                     new StringSerializer(), new ByteArraySerializer())) {
            String key = "hello/msg_not_a_cloudevent_" + System.nanoTime();
            producer.send(new ProducerRecord<>(GuildTopics.TRIGGERS, key, "{}".getBytes(StandardCharsets.UTF_8)))
                    .get(10, TimeUnit.SECONDS);
            List<ConsumerRecord<String, byte[]>> records = dead.read(r -> key.equals(r.key()), r -> !r.isEmpty(),
                    Duration.ofSeconds(20));
            assertThat(records).singleElement().satisfies(r -> {
                assertThat(header(r, DeadLetters.HEADER_REASON)).contains("not a binary-mode CloudEvent");
                assertThat(header(r, DeadLetters.HEADER_SOURCE)).startsWith(GuildTopics.TRIGGERS + "/");
                assertThat(header(r, DeadLetters.HEADER_CONSUMER)).isEqualTo(TriggerDispatcher.NAME);
            });
        }
    }

    /** Waits until the dispatcher committed past {@code record}: it has been handled. */
    void awaitDispatched(ConsumerRecord<String, byte[]> record) throws Exception {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(TriggerDispatcher.NAME)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                OffsetAndMetadata committed = offsets.get(partition);
                if (committed != null && committed.offset() > record.offset()) {
                    return;
                }
                assertThat(System.nanoTime()).as("dispatcher committed past %s", record).isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }

    static JsonNode awaitCompleted(Deliveries deliveries, String runId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            HttpResponse<String> response = deliveries.get("/api/runs/" + runId);
            if (response.statusCode() == 200 && JSON.readTree(response.body()).get("state").asText().equals("completed")) {
                return JSON.readTree(response.body());
            }
            assertThat(System.nanoTime()).as("run %s completed; last answer %s", runId, response.body())
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
