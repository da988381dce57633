package dev.guild.server;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
    void valid_definitions_exit_with_0() {
        // the examples that call only plain tools: validate loads no ToolProvider (booking needs a database), so
        // trip-planner.yaml and daily-report.yaml are checked by the platform's start and the workflows module's tests
        assertThat(validate("../examples/hello.yaml", "../examples/hello-agent.yaml", "../examples/inbox-triage.yaml"))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("3 definition(s) valid");
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
