package dev.guild.workflows;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotencyKeysTest {

    @Test
    void key_is_workflow_id_slash_activity_id() {
        assertThat(IdempotencyKeys.of("run-42/greet", "7c9e6679-7425-40de-944b-e07fc1f90ae7"))
                .isEqualTo("run-42/greet/7c9e6679-7425-40de-944b-e07fc1f90ae7");
        assertThat(IdempotencyKeys.of("run-42", 0, "5")).isEqualTo("run-42/5");
    }

    @Test
    void a_continued_agent_gets_its_generation_in_the_key() {
        assertThat(IdempotencyKeys.of("run-42/greet", 2, "5")).isEqualTo("run-42/greet#2/5");
        assertThat(IdempotencyKeys.of("run-42/greet", 1, "5")).isNotEqualTo(IdempotencyKeys.of("run-42/greet", 0, "5"));
    }

    @Test
    void missing_parts_are_refused_with_the_values() {
        assertThatThrownBy(() -> IdempotencyKeys.of("", "5")).hasMessageContaining("workflow id").hasMessageContaining("''");
        assertThatThrownBy(() -> IdempotencyKeys.of("wf", null)).hasMessageContaining("activity id");
        assertThatThrownBy(() -> IdempotencyKeys.of("wf", -1, "5")).hasMessageContaining("-1");
    }
}
