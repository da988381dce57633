package dev.guild.server.config;

import io.smallrye.config.ConfigValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class GuildConfigValidatorTest {

    @TempDir
    Path dir;

    private GuildSettings settings(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(Map.of("guild.data-dir", dir.toString()));
        all.putAll(values);
        return GuildSettings.load("prod", all);
    }

    @Test
    void defaults_are_valid_and_documented_values() {
        GuildSettings settings = GuildSettings.load("prod", Map.of());
        assertThat(GuildConfigValidator.validate(settings)).isEmpty();
        GuildConfig config = settings.guild();
        assertThat(config.dataDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".guild"));
        assertThat(config.ephemeral()).isFalse();
        assertThat(config.temporal().target()).isEmpty();
        assertThat(config.temporal().namespace()).isEqualTo("default");
        assertThat(config.temporal().port()).isEqualTo(7233);
        assertThat(config.kafka().port()).isEqualTo(9092);
        assertThat(config.kafka().controllerPort()).isEqualTo(9093);
        assertThat(config.kafka().topics().partitions()).isEqualTo(3);
        assertThat(config.kafka().topics().replicationFactor()).isEqualTo((short) 1);
        assertThat(config.postgres().jdbcUrl()).isEmpty();
        assertThat(config.postgres().port()).isEqualTo(5432);
        assertThat(config.postgres().maxPoolSize()).isEqualTo(16);
        assertThat(settings.kafkaBootstrapServers()).isEmpty();
    }

    @Test
    void every_problem_is_listed_at_once_with_its_key_and_value() {
        GuildSettings bad = settings(Map.of(
                "guild.kafka.port", "70000",
                "guild.postgres.port", "-1",
                "guild.kafka.topics.partitions", "0",
                "guild.kafka.topics.replication-factor", "3",
                "guild.temporal.port", "9093",
                "guild.postgres.max-pool-size", "0"));

        assertThat(GuildConfigValidator.validate(bad))
                .extracting(ConfigProblem::key, ConfigProblem::value)
                .containsExactlyInAnyOrder(
                        tuple("guild.kafka.port", "70000"),
                        tuple("guild.postgres.port", "-1"),
                        tuple("guild.kafka.topics.partitions", "0"),
                        tuple("guild.kafka.topics.replication-factor", "3"),
                        tuple("guild.kafka.controller-port", "9093"),
                        tuple("guild.postgres.max-pool-size", "0"));

        assertThatThrownBy(() -> GuildConfigValidator.requireValid(bad))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("6 configuration problem(s)")
                .hasMessageContaining("guild.kafka.port=70000: is not a port: use 1..65535, or 0 to pick a free port")
                .hasMessageContaining("guild.kafka.controller-port=9093: is also the port of guild.temporal.port")
                .hasMessageContaining("guild.kafka.topics.replication-factor=3: the embedded broker is a single node");
    }

    @Test
    void external_targets_are_checked_for_form() {
        GuildSettings bad = settings(Map.of(
                "guild.temporal.target", "temporal.internal",
                "kafka.bootstrap.servers", "broker-1:9092,broker-2:port",
                "guild.postgres.jdbc-url", "jdbc:mysql://db:3306/guild?password=secret"));

        assertThat(GuildConfigValidator.validate(bad))
                .extracting(ConfigProblem::key, ConfigProblem::value)
                .containsExactly(
                        tuple("guild.temporal.target", "temporal.internal"),
                        tuple("kafka.bootstrap.servers", "broker-2:port"),
                        tuple("guild.postgres.jdbc-url", "jdbc:mysql://db:3306/guild?password=***"));
        assertThat(GuildConfigValidator.validate(bad).getFirst().message())
                .isEqualTo("'temporal.internal' is not host:port (for example localhost:7233)");
    }

    @Test
    void external_targets_replace_the_embedded_ports_and_data_dir() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "not a directory");
        GuildSettings external = GuildSettings.load("prod", Map.of(
                "guild.data-dir", file.toString(),
                "guild.temporal.target", "temporal.internal:7233",
                "guild.temporal.port", "-5",
                "kafka.bootstrap.servers", "broker-1:9092, [::1]:9093",
                "kafka.security.protocol", "SASL_SSL",
                "guild.kafka.port", "99999",
                "guild.kafka.topics.replication-factor", "3",
                "guild.postgres.jdbc-url", "jdbc:postgresql://db:5432/guild",
                "guild.postgres.port", "-1"));

        assertThat(GuildConfigValidator.validate(external)).isEmpty();
        assertThat(external.kafka()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("bootstrap.servers", "broker-1:9092, [::1]:9093");
    }

    @Test
    void data_dir_that_is_a_file_is_reported_when_something_is_embedded() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "not a directory");
        assertThat(GuildConfigValidator.validate(settings(Map.of("guild.data-dir", file.toString()))))
                .extracting(ConfigProblem::key, ConfigProblem::message)
                .containsExactly(tuple("guild.data-dir",
                        "is a file, not a directory: point it at a directory (it is created when missing)"));
    }

    @Test
    void tls_needs_a_target_both_cert_and_key_and_readable_files() {
        GuildSettings bad = settings(Map.of(
                "guild.temporal.tls.cert", dir.resolve("missing.pem").toString()));

        assertThat(GuildConfigValidator.validate(bad))
                .extracting(ConfigProblem::key)
                .containsExactly("guild.temporal.tls.enabled", "guild.temporal.tls.key", "guild.temporal.tls.cert");
    }

    @Test
    void embedded_postgres_rejects_a_user_meant_for_an_external_database() {
        assertThat(GuildConfigValidator.validate(settings(Map.of("guild.postgres.username", "guild"))))
                .extracting(ConfigProblem::key, ConfigProblem::value)
                .containsExactly(tuple("guild.postgres.username", "guild"));
    }

    @Test
    void keys_of_other_guild_mappings_are_left_to_them() {
        GuildSettings settings = settings(Map.of("guild.triggers.hello.workflow", "hello", "guild.runs.await-start", "2s"));
        assertThat(GuildConfigValidator.validate(settings)).isEmpty();
    }

    @Test
    void values_of_the_wrong_type_are_reported_by_key_together() {
        assertThatThrownBy(() -> settings(Map.of("guild.kafka.port", "ninety", "guild.postgres.port", "x")))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("guild.kafka.port")
                .hasMessageContaining("ninety")
                .hasMessageContaining("guild.postgres.port");
    }
}
