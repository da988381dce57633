package dev.guild.server.hooks.internal;

import dev.guild.server.hooks.WorkflowCatalog;
import dev.guild.workflows.definition.WorkflowDefinition;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TriggerRegistryTest {

    static WorkflowCatalog catalogOf(WorkflowDefinition definition) {
        return new WorkflowCatalog() {
            public Set<String> names() {
                return Set.of(definition.name());
            }

            public Optional<WorkflowDefinition> find(String name) {
                return Optional.of(definition).filter(d -> d.name().equals(name));
            }
        };
    }

    @Test
    void builds_valid_triggers() throws Exception {
        TriggerRegistry registry = TriggerRegistry.create(
                Map.of("hello", WebhookRouteTest.trigger("hello", WebhookRouteTest.SECRET, 1024)),
                catalogOf(InputValidatorTest.definition("hello", null)), Clock.systemUTC(), Duration.ofMinutes(5));
        assertThat(registry.names()).containsExactly("hello");
        assertThat(registry.find("hello")).hasValueSatisfying(t -> {
            assertThat(t.workflow().name()).isEqualTo("hello");
            assertThat(t.maxBodyBytes()).isEqualTo(1024);
        });
        assertThat(registry.find("other")).isEmpty();
    }

    @Test
    void a_delivery_validates_with_the_newest_version_and_with_the_last_known_one_while_the_store_is_down()
            throws Exception {
        WorkflowDefinition started = InputValidatorTest.definition("hello", null);
        String text = started.text() + "\n# newer";
        WorkflowDefinition newer = new WorkflowDefinition("hello", "test", "1.0.1", "hello.yaml", text,
                WorkflowDefinition.hashOf(text), null);
        WorkflowDefinition[] newest = {newer};
        WorkflowCatalog flaky = new WorkflowCatalog() {
            public Set<String> names() {
                return Set.of("hello");
            }

            public Optional<WorkflowDefinition> find(String name) {
                if (newest[0] == null) {
                    throw new IllegalStateException("reading workflow versions from PostgreSQL failed: connection refused");
                }
                return Optional.of(newest[0]);
            }
        };
        TriggerRegistry registry = TriggerRegistry.create(
                Map.of("hello", WebhookRouteTest.trigger("hello", WebhookRouteTest.SECRET, 1024)), flaky,
                Clock.systemUTC(), Duration.ofMinutes(5));
        TriggerRegistry.Trigger trigger = registry.find("hello").orElseThrow();
        assertThat(trigger.workflow().hash()).isEqualTo(newer.hash());

        newest[0] = started;
        assertThat(registry.current(trigger).hash()).isEqualTo(started.hash());
        newest[0] = null;
        assertThat(registry.current(trigger).hash()).as("last known").isEqualTo(started.hash());
    }

    @Test
    void lists_every_problem_with_its_property_at_once() throws Exception {
        assertThatThrownBy(() -> TriggerRegistry.create(Map.of(
                        "a", WebhookRouteTest.trigger("missing", WebhookRouteTest.SECRET, 1024),
                        "b", WebhookRouteTest.trigger("hello", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", 1024),
                        "c", WebhookRouteTest.trigger("hello", "whsec_c2hvcnQ=", 0),
                        "Bad Name", WebhookRouteTest.trigger("hello", "whsec_!!notbase64", 1024)),
                catalogOf(InputValidatorTest.definition("hello", null)), Clock.systemUTC(), Duration.ofMinutes(5)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("6 problem(s)")
                .hasMessageContaining("guild.triggers.a.workflow: no workflow definition named 'missing'")
                .hasMessageContaining("guild.triggers.b.secret: the secret must start with 'whsec_'")
                .hasMessageContaining("guild.triggers.c.secret: the secret decodes to 5 bytes")
                .hasMessageContaining("guild.triggers.c.max-body-bytes: 0 is out of range")
                .hasMessageContaining("guild.triggers.Bad Name: trigger name 'Bad Name' must match")
                .hasMessageContaining("guild.triggers.Bad Name.secret: the part after 'whsec_' is not base64");
    }
}
