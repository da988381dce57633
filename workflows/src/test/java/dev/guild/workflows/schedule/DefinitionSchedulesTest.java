package dev.guild.workflows.schedule;

import dev.guild.tools.ToolRegistry;
import dev.guild.workflows.definition.DefinitionProblem;
import dev.guild.workflows.definition.DefinitionRepository;
import dev.guild.workflows.definition.DefinitionValidationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DefinitionSchedulesTest {

    static final ToolRegistry TOOLS = ToolRegistry.load(DefinitionSchedulesTest.class.getClassLoader());

    @Test
    void a_definition_declares_its_schedule_per_serverless_workflow() {
        String text = """
                document:
                  dsl: '1.0.0'
                  namespace: test
                  name: daily-report
                  version: '1.0.0'
                  metadata:
                    schedule: {overlap: buffer_one, catchupWindow: PT10M, input: {region: emea}}
                schedule:
                  cron: '0 7 * * 1-5'
                do:
                  - one:
                      set: {a: 1}
                """;
        ScheduleSpec spec = DefinitionSchedules.of(DefinitionRepository.parse("d.yaml", text, TOOLS)).orElseThrow();

        assertThat(spec.scheduleId()).isEqualTo("daily-report");
        assertThat(spec.workflowName()).isEqualTo("daily-report");
        assertThat(spec.cron()).isEqualTo("0 7 * * 1-5");
        assertThat(spec.overlap()).isEqualTo(ScheduleSpec.BUFFER_ONE);
        assertThat(spec.catchupWindowSeconds()).isEqualTo(600);
        assertThat(spec.input()).isEqualTo("{\"region\":\"emea\"}");
    }

    @Test
    void every_takes_an_iso_duration_or_a_duration_object() {
        String text = """
                document: {dsl: '1.0.0', namespace: test, name: ticker, version: '1.0.0'}
                schedule:
                  every: {hours: 1, minutes: 30}
                do:
                  - one:
                      set: {a: 1}
                """;
        ScheduleSpec spec = DefinitionSchedules.of(DefinitionRepository.parse("t.yaml", text, TOOLS)).orElseThrow();
        assertThat(spec.everySeconds()).isEqualTo(5400);
        assertThat(spec.overlap()).isEqualTo(ScheduleSpec.SKIP);
    }

    @Test
    void schedule_problems_are_reported_with_path_and_line() {
        String text = """
                document:
                  dsl: '1.0.0'
                  namespace: test
                  name: broken
                  version: '1.0.0'
                  metadata:
                    schedule: {overlap: twice}
                schedule:
                  cron: '0 25 * * *'
                  on: {one: {with: {type: x}}}
                do:
                  - one:
                      set: {a: 1}
                """;
        DefinitionValidationException error = catchThrowableOfType(DefinitionValidationException.class,
                () -> DefinitionRepository.parse("b.yaml", text, TOOLS));

        assertThat(error.problems()).extracting(DefinitionProblem::path)
                .contains("/schedule/on", "/schedule", "/document/metadata/schedule");
        assertThat(error.problems()).anySatisfy(p -> {
            assertThat(p.path()).isEqualTo("/schedule/on");
            assertThat(p.line()).isEqualTo(10);
        });
        assertThat(error.getMessage()).contains("'0 25 * * *'").contains("'twice'");
    }
}
