package dev.guild.server.embedded;

import dev.guild.server.config.GuildTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The CDI beans other packages inject, in the Quarkus application (test profile: ephemeral data, free ports). */
@QuarkusTest
class ServicesProducerTest {

    @Inject
    GuildServices services;

    @Inject
    DataSource dataSource;

    @Inject
    WorkflowClient workflowClient;

    @Inject
    KafkaEndpoint kafka;

    @Test
    void services_are_embedded_and_reported_in_start_order() {
        assertThat(services.report()).extracting(ServiceReport::service)
                .containsExactly("temporal", "kafka", "postgres");
        assertThat(services.report()).allSatisfy(r -> assertThat(r.embedded()).isTrue());
        assertThat(services.report().get(1).detail()).contains("ephemeral-");
    }

    @Test
    void data_source_is_migrated_before_it_is_injected() throws Exception {
        assertThat(ServiceProbes.query(dataSource, "SELECT name FROM guild_schema_info")).containsExactly("created_at");
    }

    @Test
    void workflow_client_runs_a_workflow_on_the_configured_namespace() {
        assertThat(workflowClient.getOptions().getNamespace()).isEqualTo("default");
        assertThat(ServiceProbes.runProbeWorkflow(workflowClient, "probe-" + UUID.randomUUID())).isEqualTo("echo:guild");
    }

    @Test
    void kafka_endpoint_configures_clients_that_reach_the_topics() throws Exception {
        String key = "producer-test-" + UUID.randomUUID();
        ServiceProbes.produce(kafka, GuildTopics.RUN_EVENTS, key, "event");
        assertThat(ServiceProbes.valuesOf(kafka, GuildTopics.RUN_EVENTS, key)).containsExactly("event");
    }
}
