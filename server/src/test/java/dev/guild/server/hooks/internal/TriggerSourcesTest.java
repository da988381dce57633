package dev.guild.server.hooks.internal;

import dev.guild.server.hooks.TriggersConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TriggerSourcesTest {
    static final String SECRET = WebhookRouteTest.SECRET;
    static final String OTHER_SECRET = "whsec_Z3VpbGQtZ2F0ZXdheS10ZXN0LXNlY3JldC0zMmJ5dGU=";

    static TriggersConfig.Trigger property(String workflow, String secret, Integer maxBodyBytes) {
        return new TriggersConfig.Trigger() {
            public Optional<String> workflow() {
                return Optional.ofNullable(workflow);
            }

            public Optional<String> secret() {
                return Optional.ofNullable(secret);
            }

            public Optional<Integer> maxBodyBytes() {
                return Optional.ofNullable(maxBodyBytes);
            }
        };
    }

    @Test
    void a_trigger_comes_from_environment_variables_alone() {
        Map<String, TriggerSpec> specs = TriggerSources.merge(Map.of(), Optional.empty(), Map.of(
                "GUILD_TRIGGERS_HELLO_AGENT_WORKFLOW", "hello-agent",
                "GUILD_TRIGGERS_HELLO_AGENT_SECRET", SECRET,
                "GUILD_TRIGGERS_HELLO_AGENT_MAX_BODY_BYTES", "2048",
                "GUILD_TRIGGERS_FILE", "/not/read/here",
                "PATH", "/usr/bin"));

        assertThat(specs).containsOnlyKeys("hello-agent");
        assertThat(specs.get("hello-agent")).isEqualTo(new TriggerSpec("hello-agent", SECRET, 2048));
    }

    @Test
    void environment_overrides_properties_which_override_the_file_field_by_field(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("triggers.yaml"), """
                hello:
                  workflow: from-file
                  secret: %s
                  max-body-bytes: 100
                filed:
                  workflow: hello
                  secret: %s
                """.formatted(OTHER_SECRET, SECRET));

        Map<String, TriggerSpec> specs = TriggerSources.merge(
                Map.of("hello", property("hello", null, 200)), Optional.of(file),
                Map.of("GUILD_TRIGGERS_HELLO_SECRET", SECRET));

        assertThat(specs.get("hello")).isEqualTo(new TriggerSpec("hello", SECRET, 200));
        assertThat(specs.get("filed")).isEqualTo(new TriggerSpec("hello", SECRET, TriggersConfig.DEFAULT_MAX_BODY_BYTES));
    }

    @Test
    void every_malformed_variable_file_entry_and_value_is_listed_at_once(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("triggers.yaml"), """
                a:
                  workflow: hello
                  secrett: x
                b: just-a-string
                c:
                  workflow: [1, 2]
                  max-body-bytes: lots
                """);

        assertThatThrownBy(() -> TriggerSources.merge(Map.of(), Optional.of(file),
                Map.of("GUILD_TRIGGERS_HELLO_SECRT", SECRET)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("5 problem(s)")
                .hasMessageContaining("trigger 'a' has unknown field 'secrett'")
                .hasMessageContaining("trigger 'b' must be a map")
                .hasMessageContaining("trigger 'c' field 'workflow' must be a single value")
                .hasMessageContaining("guild.triggers.c.max-body-bytes: 'lots' is not a whole number")
                .hasMessageContaining("GUILD_TRIGGERS_HELLO_SECRT: not a trigger setting");
    }

    @Test
    void a_missing_or_unreadable_file_is_named_with_its_path(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> TriggerSources.merge(Map.of(), Optional.of(missing), Map.of()))
                .hasMessageContaining("guild.triggers-file=" + missing + ": cannot be read");
    }

    @Test
    void a_required_field_set_by_no_source_names_all_three_ways_to_set_it() {
        Map<String, TriggerSpec> specs = TriggerSources.merge(Map.of(), Optional.empty(),
                Map.of("GUILD_TRIGGERS_HELLO_AGENT_WORKFLOW", "hello"));
        assertThatThrownBy(() -> TriggerRegistry.create(specs,
                TriggerRegistryTest.catalogOf(InputValidatorTest.definition("hello", null)), Clock.systemUTC(),
                Duration.ofMinutes(5)))
                .hasMessageContaining("1 problem(s)")
                .hasMessageContaining("guild.triggers.hello-agent.secret: not set")
                .hasMessageContaining("GUILD_TRIGGERS_HELLO_AGENT_SECRET")
                .hasMessageContaining("guild.triggers-file");
    }
}
