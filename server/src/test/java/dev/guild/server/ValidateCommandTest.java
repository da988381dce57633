package dev.guild.server;

import dev.guild.tools.ToolCall;
import dev.guild.tools.ToolRegistry;
import dev.guild.tools.ToolResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line's {@code validate}: every problem with file, line and path, and the exit status. */
class ValidateCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int validate(String... arguments) {
        return ValidateCommand.run(List.of(arguments), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void every_example_validates_without_a_database_including_the_booking_tools() {
        // trip-planner calls hold_booking/confirm_booking (a provider that needs PostgreSQL at run time), daily-report
        // the research tools; validate knows them by their descriptions
        assertThat(validate("../examples/")).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("5 definition(s) valid");
    }

    @Test
    void a_provider_tool_called_with_bad_arguments_is_reported_against_its_schema(@TempDir Path dir) throws Exception {
        Path definition = Files.writeString(dir.resolve("hold.yaml"), """
                document: {dsl: '1.0.0', namespace: test, name: hold, version: '1.0.0'}
                do:
                  - hold:
                      call: hold_booking
                      with: {resourceId: room-1, nights: 2}
                """);
        assertThat(validate(definition.toString())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("hold.yaml:5 /do/0/hold/with: arguments do not match the input schema of 'hold_booking'")
                .contains("principal");
    }

    @Test
    void described_tools_refuse_to_run() throws Exception {
        ToolRegistry tools = ValidateCommand.describedTools();
        assertThat(tools.names()).contains("render_template", "hold_booking", "confirm_booking", "cancel_booking",
                "search_knowledge", "create_slides");
        assertThat(tools.get("hold_booking").sideEffects()).isTrue();
        assertThat(tools.get("hold_booking").compensation()).hasValueSatisfying(c ->
                assertThat(c.tool()).isEqualTo("cancel_booking"));
        ToolResult refused = tools.get("hold_booking").invoke(new ToolCall("hold_booking", "k", null));
        assertThat(refused.ok()).isFalse();
        assertThat(refused.error()).contains("only described").contains("run it on a platform worker");
    }

    @Test
    void every_problem_is_printed_with_file_line_and_path_and_the_exit_status_is_1() {
        int status = validate("../workflows/src/test/resources/fixtures/invalid/refused-tasks.yaml",
                "../workflows/src/test/resources/fixtures/invalid/unknown-tool.yaml", "missing.yaml");

        assertThat(status).isEqualTo(1);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("refused-tasks.yaml:11 /do/1/shell/run/shell: 'run: shell' is refused")
                .contains("unknown-tool.yaml:4 /do/0/fax/call: unknown tool 'send_fax'")
                .contains("missing.yaml /: no such file or directory")
                .contains("9 problem(s)");
    }

    @Test
    void no_argument_is_a_usage_error() {
        assertThat(validate()).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("validate needs at least one definition");
    }
}
