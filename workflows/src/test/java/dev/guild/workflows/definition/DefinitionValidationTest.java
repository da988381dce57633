package dev.guild.workflows.definition;

import dev.guild.tools.ToolRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Each invalid fixture reports all its problems at once, each with its path, line and message. */
class DefinitionValidationTest {

    private static final Path INVALID = Path.of("src", "test", "resources", "definitions", "invalid");
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final ToolRegistry TOOLS = ToolRegistry.load(DefinitionValidationTest.class.getClassLoader());

    /** One expected problem: "line path | message fragment". */
    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("unknown-tool.yaml", List.of(
                        "4 /do/0/fax/call | unknown tool 'send_fax'; registered tools: [render_template, http_request]")),
                Arguments.of("unknown-task-type.yaml", List.of(
                        "4 /do/0/first/frobnicate | unknown task type or field 'frobnicate'",
                        "3 /do/0/first | task 'first' has no type",
                        "6 /do/1/second/switch | task type 'switch' is not supported by Guild's profile yet")),
                Arguments.of("bad-expressions.yaml", List.of(
                        "5 /do/0/compute/set/total | bad expression ${ .a + }",
                        "7 /do/0/compute/set/nested/0 | empty expression")),
                Arguments.of("bad-structure.yaml", List.of(
                        "7 /color | unknown top-level field 'color'",
                        "2 /document/dsl | got \"0.8\"",
                        "3 /document/namespace | got \"Test_Space\"",
                        "4 /document/name | got \"bad structure\"",
                        "1 /document/version | is required",
                        "12 /do/1/greet | duplicate task name 'greet'",
                        "13 /do/1/greet/set | must be an object or an expression ${ ... }; got 42",
                        "14 /do/2 | exactly one key")),
                Arguments.of("agent-errors.yaml", List.of(
                        "7 /do/0/think/with/temperature | unknown field 'temperature'",
                        "5 /do/0/think/with/instructions | is required",
                        "5 /do/0/think/with/prompt | is required",
                        "6 /do/0/think/with/tools/1 | unknown tool 'teleport'; registered tools: [render_template, http_request]",
                        "8 /do/0/think/with/model | temperature must be between 0 and 2; got 7.0",
                        "11 /do/0/think/with/limits/maxSteps | got 0",
                        "12 /do/0/think/with/limits/deadline | got \"soon\"")),
                Arguments.of("bad-input-schema.yaml", List.of(
                        "3 /input/from | 'input.from' is not supported",
                        "5 /input/schema/format | got \"avro\"",
                        "6 /input/schema/document | invalid JSON Schema: /type: does not have a value in the enumeration",
                        "6 /input/schema/document | invalid JSON Schema: /type: string found, array expected",
                        "6 /input/schema/document | invalid JSON Schema: /required: string found, array expected")),
                Arguments.of("not-yaml.yaml", List.of(
                        "6 / | not valid YAML")),
                Arguments.of("unsupported-calls.yaml", List.of(
                        "4 /do/0/fetch/call | 'call: http' is not supported",
                        "12 /do/1/render/then | 'then' on tasks is not supported",
                        "10 /do/1/render/with | /template: integer found, string expected",
                        "10 /do/1/render/with | required property 'values' not found")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void invalid_fixture_reports_every_problem_with_path_and_line(String file, List<String> expected) throws IOException {
        String text = Files.readString(INVALID.resolve(file));

        DefinitionValidationException error = catchThrowableOfType(DefinitionValidationException.class,
                () -> DefinitionRepository.parse(file, text, TOOLS));

        assertThat(error).as("%s must not validate", file).isNotNull();
        List<String> actual = error.problems().stream().map(p -> p.line() + " " + p.path() + " | " + p.message()).toList();
        assertThat(error.problems()).as("one problem per expectation in %s: %s", file, actual).hasSameSizeAs(expected);
        for (String expectation : expected) {
            String where = expectation.substring(0, expectation.indexOf(" | "));
            String fragment = expectation.substring(expectation.indexOf(" | ") + 3);
            assertThat(actual).as("%s in %s", expectation, file)
                    .anySatisfy(line -> assertThat(line).startsWith(where + " | ").contains(fragment));
        }
        assertThat(error.problems()).allSatisfy(p -> assertThat(p.source()).isEqualTo(file));
        assertThat(error.getMessage()).contains(file + ":");
    }

    @Test
    void loading_a_directory_lists_the_problems_of_every_file_at_once() {
        DefinitionValidationException error = catchThrowableOfType(DefinitionValidationException.class,
                () -> DefinitionRepository.loadDirectory(INVALID, TOOLS));

        assertThat(error.problems()).extracting(DefinitionProblem::source).containsOnly(
                "agent-errors.yaml", "bad-expressions.yaml", "bad-input-schema.yaml", "bad-structure.yaml",
                "not-yaml.yaml", "unknown-task-type.yaml", "unknown-tool.yaml", "unsupported-calls.yaml");
        assertThat(error.problems()).hasSize(fixtures().mapToInt(a -> ((List<?>) a.get()[1]).size()).sum());
    }

    @Test
    void the_examples_validate_and_are_pinned_by_hash() {
        DefinitionRepository repository = DefinitionRepository.loadDirectory(EXAMPLES, TOOLS);

        assertThat(repository.all()).extracting(WorkflowDefinition::name).containsExactly("hello", "hello-agent");
        WorkflowDefinition hello = repository.get("hello");
        assertThat(hello.hash()).isEqualTo(WorkflowDefinition.hashOf(hello.text())).matches("sha256:[0-9a-f]{64}");
        assertThat(hello.validateInput(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()))
                .singleElement().asString().contains("name");
    }

    @Test
    void duplicate_workflow_names_and_missing_directories_are_reported() throws IOException {
        Path dir = Files.createTempDirectory("guild-defs");
        try {
            String hello = Files.readString(EXAMPLES.resolve("hello.yaml"));
            Files.writeString(dir.resolve("a.yaml"), hello);
            Files.writeString(dir.resolve("b.yml"), hello);
            Files.writeString(dir.resolve("notes.txt"), "not a definition");

            assertThatThrownBy(() -> DefinitionRepository.loadDirectory(dir, TOOLS))
                    .isInstanceOf(DefinitionValidationException.class)
                    .hasMessageContaining("b.yml")
                    .hasMessageContaining("workflow name 'hello' is already used by a.yaml");
            assertThatThrownBy(() -> DefinitionRepository.loadDirectory(dir.resolve("missing"), TOOLS))
                    .isInstanceOf(DefinitionValidationException.class)
                    .hasMessageContaining("does not exist");
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.delete(dir);
        }
    }

    @Test
    void unknown_names_list_the_known_ones() {
        DefinitionRepository repository = DefinitionRepository.loadDirectory(EXAMPLES, TOOLS);
        assertThatThrownBy(() -> repository.get("goodbye")).hasMessageContaining("'goodbye'").hasMessageContaining("hello-agent");
    }

    @Test
    void oversized_definitions_are_refused_before_parsing() {
        String huge = "document: {dsl: '1.0.0', namespace: t, name: big, version: '1'}\n#" + "x".repeat(300_000);
        assertThatThrownBy(() -> DefinitionRepository.parse("big.yaml", huge, TOOLS))
                .isInstanceOf(DefinitionValidationException.class)
                .hasMessageContaining("more than the limit of 262144");
    }
}
