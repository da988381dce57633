package dev.guild.server.embedded;

import dev.guild.server.config.GuildSettings;
import dev.guild.server.config.GuildTopics;
import io.agroal.api.AgroalDataSource;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.serviceclient.WorkflowServiceStubs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.assertj.core.groups.Tuple;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Embedded services in this JVM: what survives a restart on the same data directory, and what does not. */
class GuildServicesRestartTest {

    @TempDir
    Path dataDir;

    static GuildSettings embeddedOnFreePorts(Path dataDir) {
        return GuildSettings.load("prod", Map.of(
                "guild.data-dir", dataDir.toString(),
                "guild.temporal.port", "0",
                "guild.kafka.port", "0",
                "guild.kafka.controller-port", "0",
                "guild.postgres.port", "0"));
    }

    @Test
    void kafka_records_and_postgres_rows_survive_a_restart_but_temporal_state_does_not_and_the_data_dir_is_locked() throws Exception {
        String key = "restart-" + UUID.randomUUID();
        String workflowId = "probe-" + key;
        try (GuildServices first = GuildServices.start(embeddedOnFreePorts(dataDir))) {
            assertThat(first.report()).extracting(ServiceReport::service, ServiceReport::embedded)
                    .containsExactly(
                            Tuple.tuple("temporal", true),
                            Tuple.tuple("kafka", true),
                            Tuple.tuple("postgres", true));
            assertThat(first.report().get(0).detail()).contains("in memory");
            assertThat(first.temporalInProcessChannel()).as("the embedded server's in-process channel").isPresent();
            assertThat(first.report().get(1).detail()).contains("created now: " + String.join(", ", GuildTopics.ALL));

            assertThatThrownBy(() -> GuildServices.start(embeddedOnFreePorts(dataDir)))
                    .as("a second process on the same data directory")
                    .hasMessageStartingWith("data directory " + dataDir + " is in use by another Guild process (pid "
                            + ProcessHandle.current().pid() + ")");

            ServiceProbes.produce(first.kafka(), GuildTopics.TRIGGERS, key, "before restart");
            try (AgroalDataSource db = PostgresDataSources.open(first.postgres(), 2)) {
                assertThat(PostgresDataSources.migrate(db)).isEqualTo(ServiceProbes.migrationCount());
                assertThat(ServiceProbes.query(db, "SHOW fsync")).as("committed rows reach the disk").containsExactly("on");
                assertThat(ServiceProbes.query(db, "SHOW synchronous_commit")).containsExactly("on");
                ServiceProbes.execute(db, "CREATE TABLE restart_probe (value TEXT)");
                ServiceProbes.execute(db, "INSERT INTO restart_probe VALUES ('" + key + "')");
            }
            assertThat(ServiceProbes.runProbeWorkflow(first.temporal(), workflowId)).isEqualTo("echo:guild");
        }

        try (GuildServices second = GuildServices.start(embeddedOnFreePorts(dataDir))) {
            assertThat(second.report().get(1).detail()).contains("topics " + String.join(", ", GuildTopics.ALL) + " exist");
            assertThat(ServiceProbes.valuesOf(second.kafka(), GuildTopics.TRIGGERS, key)).containsExactly("before restart");
            try (AgroalDataSource db = PostgresDataSources.open(second.postgres(), 2)) {
                assertThat(PostgresDataSources.migrate(db)).as("migrations already applied").isZero();
                assertThat(ServiceProbes.query(db, "SELECT value FROM restart_probe")).containsExactly(key);
                assertThat(ServiceProbes.query(db, "SELECT name FROM guild_schema_info")).containsExactly("created_at");
            }
            WorkflowServiceStubs stubs = TemporalClients.serviceStubs(second.temporal());
            try {
                WorkflowClient client = WorkflowClient.newInstance(stubs,
                        WorkflowClientOptions.newBuilder().setNamespace(second.temporal().namespace()).build());
                assertThatThrownBy(() -> client.newUntypedWorkflowStub(workflowId).describe())
                        .as("the embedded Temporal server keeps workflow state in memory only")
                        .isInstanceOf(WorkflowNotFoundException.class);
            } finally {
                stubs.shutdownNow();
            }
        }
    }
}
