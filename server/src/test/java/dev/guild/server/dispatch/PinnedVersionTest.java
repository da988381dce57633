package dev.guild.server.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guild.server.ApiClient;
import dev.guild.server.config.GuildTopics;
import dev.guild.server.dispatch.internal.TriggerDispatcher;
import dev.guild.server.embedded.KafkaEndpoint;
import dev.guild.server.hooks.DedupeKey;
import dev.guild.server.hooks.Deliveries;
import dev.guild.server.hooks.TopicReader;
import dev.guild.server.hooks.TriggerEvents;
import dev.guild.server.hooks.WorkflowCatalog;
import dev.guild.server.hooks.internal.KafkaTriggerPublisher;
import dev.guild.workflows.definition.WorkflowDefinition;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A trigger runs the workflow version that validated it: the webhook pins the version's hash in the trigger event
 * ({@code ce_workflowhash}) and the dispatcher starts exactly that version, even when a newer one was stored between
 * the 202 and the dispatch. Real Kafka, Temporal and PostgreSQL.
 */
@QuarkusTest
class PinnedVersionTest {
    /** Each test stores its own workflow (tests run in any order on one database). */
    static final String V1 = """
            document: {dsl: '1.0.0', namespace: test, name: NAME, version: '1.0.0'}
            do:
              - mark:
                  set: {version: one}
            """;

    final String name = "pin-" + System.nanoTime();
    final String v1 = V1.replace("NAME", name);
    final String v2 = v1.replace("version: one", "version: two").replace("'1.0.0'}", "'2.0.0'}");

    @TestHTTPResource("/")
    URL base;

    @Inject
    KafkaEndpoint kafka;

    @Inject
    WorkflowCatalog catalog;

    ApiClient api;

    @BeforeEach
    void client() throws Exception {
        api = new ApiClient(base.toURI());
    }

    @Test
    void a_definition_updated_between_the_202_and_the_dispatch_still_runs_the_validated_version() throws Exception {
        assertThat(api.post("/api/workflows", "application/yaml", v1).statusCode()).isIn(200, 201);
        // the edge validated against v1 and pinned it ...
        WorkflowDefinition validated = catalog.find(name).orElseThrow();
        assertThat(validated.hash()).isEqualTo(WorkflowDefinition.hashOf(v1));
        // ... then v2 is stored before the dispatcher reads the record
        assertThat(api.post("/api/workflows", "application/yaml", v2).statusCode()).isIn(200, 201);
        assertThat(catalog.find(name).orElseThrow().hash()).isEqualTo(WorkflowDefinition.hashOf(v2));

        DedupeKey pinned = new DedupeKey("pin", "msg_pinned_" + System.nanoTime());
        try (KafkaTriggerPublisher publisher = new KafkaTriggerPublisher(kafka.clientConfig(), GuildTopics.TRIGGERS,
                Duration.ofSeconds(5), Clock.systemUTC())) {
            publisher.publish(validated, pinned, "{}".getBytes(StandardCharsets.UTF_8));
        }
        JsonNode run = api.await("/api/runs/" + pinned.runId(), r -> r.path("state").asText().equals("completed"));
        assertThat(run.at("/result/version").asText()).as(run.toString()).isEqualTo("one");
    }

    @Test
    void a_trigger_record_without_the_hash_starts_the_newest_version_as_before() throws Exception {
        api.post("/api/workflows", "application/yaml", v1);
        api.post("/api/workflows", "application/yaml", v2);
        DedupeKey old = new DedupeKey("pin", "msg_unpinned_" + System.nanoTime());
        send(old, null);
        JsonNode run = api.await("/api/runs/" + old.runId(), r -> r.path("state").asText().equals("completed"));
        assertThat(run.at("/result/version").asText()).isEqualTo("two");
    }

    @Test
    void a_hash_of_no_stored_version_goes_to_the_dead_letter_topic_with_the_reason() throws Exception {
        api.post("/api/workflows", "application/yaml", v1);
        DedupeKey stray = new DedupeKey("pin", "msg_stray_" + System.nanoTime());
        String hash = "sha256:" + "0".repeat(64);
        try (TopicReader dead = new TopicReader(kafka, GuildTopics.DEAD_LETTER)) {
            send(stray, hash);
            List<ConsumerRecord<String, byte[]>> records = dead.read(r -> stray.value().equals(r.key()),
                    r -> !r.isEmpty(), Duration.ofSeconds(20));
            assertThat(records).singleElement().satisfies(r -> assertThat(header(r, DeadLetters.HEADER_REASON))
                    .contains("workflow '" + name + "' has no stored version workflowhash=" + hash)
                    .contains("drop the extension to start the newest"));
            assertThat(header(records.getFirst(), DeadLetters.HEADER_CONSUMER)).isEqualTo(TriggerDispatcher.NAME);
        }
    }

    @Test
    void the_webhook_pins_the_hash_of_the_version_it_validated_against() throws Exception {
        try (TopicReader triggers = new TopicReader(kafka, GuildTopics.TRIGGERS)) {
            String id = "msg_pin_hook_" + System.nanoTime();
            assertThat(new Deliveries(base.toURI()).send("hello", id, "{\"name\":\"Ada\"}").statusCode()).isEqualTo(202);
            ConsumerRecord<String, byte[]> record = triggers.read(r -> r.key().endsWith("/" + id), r -> !r.isEmpty(),
                    Duration.ofSeconds(10)).getFirst();
            assertThat(header(record, "ce_" + TriggerEvents.EXT_WORKFLOW_HASH))
                    .isEqualTo(catalog.find("hello").orElseThrow().hash());
        }
    }

    /** A trigger record as the edge writes it, with the given hash extension (null: a record from before it). */
    private void send(DedupeKey key, String hash) throws Exception {
        CloudEventBuilder event = CloudEventBuilder.v1().withId(key.webhookId())
                .withSource(URI.create(TriggerEvents.source(key.trigger()))).withType(TriggerEvents.TYPE_RECEIVED)
                .withSubject(key.runId()).withDataContentType("application/json")
                .withExtension(TriggerEvents.EXT_WORKFLOW, name)
                .withExtension(TriggerEvents.EXT_RUN_ID, key.runId())
                .withExtension(TriggerEvents.EXT_TRIGGER, key.trigger())
                .withData("{}".getBytes(StandardCharsets.UTF_8));
        if (hash != null) {
            event.withExtension(TriggerEvents.EXT_WORKFLOW_HASH, hash);
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.clientConfig(), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(KafkaMessageFactory.createWriter(GuildTopics.TRIGGERS, null, null, key.value())
                    .writeBinary(event.build())).get(10, TimeUnit.SECONDS);
        }
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
