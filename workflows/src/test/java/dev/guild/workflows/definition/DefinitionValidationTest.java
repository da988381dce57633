package dev.guild.workflows.definition;

import dev.guild.tools.ToolRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Each invalid fixture reports all its problems at once, each with its path, line and message. */
class DefinitionValidationTest {

    private static final Path INVALID = Path.of("src", "test", "resources", "fixtures", "invalid");
    private static final Path VALID = Path.of("src", "test", "resources", "fixtures", "valid");
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final ToolRegistry TOOLS = ToolRegistry.load(DefinitionValidationTest.class.getClassLoader());
    private static final String EXPECT = "# expect: ";
    /** The valid fixtures also call the test tools (take_note, flaky). */
    private static final ToolRegistry WITH_TEST_TOOLS = ToolRegistry.of(java.util.stream.Stream.concat(
            TOOLS.names().stream().map(n -> TOOLS.find(n).orElseThrow()),
            Stream.of(new dev.guild.workflows.testing.NoteTool(), new dev.guild.workflows.testing.FlakyTool())).toList());

    /** Each invalid fixture lists its expected problems at its end: "# expect: line path | message fragment". */
    static Stream<Arguments> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(INVALID)) {
            return files.sorted().map(file -> Arguments.of(file.getFileName().toString(), expectations(file))).toList().stream();
        }
    }

    private static List<String> expectations(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(EXPECT)).map(l -> l.substring(EXPECT.length())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<String> validFixtures() throws IOException {
        try (Stream<Path> files = Files.list(VALID)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFixtures")
    void valid_fixture_validates(String file) throws IOException {
        WorkflowDefinition definition = DefinitionRepository.parse(file, Files.readString(VALID.resolve(file)), WITH_TEST_TOOLS);
        assertThat(definition.name()).isEqualTo(file.substring(0, file.length() - ".yaml".length()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void invalid_fixture_reports_every_problem_with_path_and_line(String file, List<String> expected) throws IOException {
        String text = Files.readString(INVALID.resolve(file));

        DefinitionValidationException error = catchThrowableOfType(DefinitionValidationException.class,
                () -> DefinitionRepository.parse(file, text, TOOLS));

        assertThat(error).as("%s must not validate", file).isNotNull();
        List<String> actual = error.problems().stream().map(p -> p.line() + " " + p.path() + " | " + p.message()).toList();
        assertThat(expected).as("%s lists its expectations", file).isNotEmpty();
        assertThat(error.problems()).as("one problem per expectation in %s: %s", file, String.join("\n", actual)).hasSameSizeAs(expected);
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
    void loading_a_directory_lists_the_problems_of_every_file_at_once() throws IOException {
        DefinitionValidationException error = catchThrowableOfType(DefinitionValidationException.class,
                () -> DefinitionRepository.loadDirectory(INVALID, TOOLS));

        List<String> files = fixtures().map(a -> (String) a.get()[0]).toList();
        assertThat(error.problems()).extracting(DefinitionProblem::source).containsOnlyElementsOf(files);
        assertThat(error.problems()).extracting(DefinitionProblem::source).containsAll(files);
        assertThat(error.problems()).hasSize(fixtures().mapToInt(a -> ((List<?>) a.get()[1]).size()).sum());
    }

    /** The examples call the booking, research and slides tools, which need a database: made on first use. */
    private static ToolRegistry exampleTools;

    private static synchronized ToolRegistry exampleTools() throws IOException {
        if (exampleTools == null) {
            exampleTools = dev.guild.workflows.testing.Examples.tools(Files.createTempDirectory("guild-examples"));
        }
        return exampleTools;
    }

    @Test
    void the_examples_validate_and_are_pinned_by_hash() throws IOException {
        DefinitionRepository repository = DefinitionRepository.loadDirectory(EXAMPLES, exampleTools());

        assertThat(repository.all()).extracting(WorkflowDefinition::name)
                .contains("hello", "hello-agent", "inbox-triage", "trip-planner", "daily-report");
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
    void unknown_names_list_the_known_ones() throws IOException {
        DefinitionRepository repository = DefinitionRepository.loadDirectory(EXAMPLES, exampleTools());
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
