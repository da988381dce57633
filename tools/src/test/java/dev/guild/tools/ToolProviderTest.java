package dev.guild.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ToolProviderTest {

    /** Makes one tool, {@code greet}, whose greeting comes from the settings; refuses a bad TTL. */
    public static final class GreetProvider implements ToolProvider {
        @Override
        public List<Tool> tools(ToolEnvironment environment) {
            environment.settings().duration("test.greet.ttl", Duration.ZERO);
            return List.of(new Simple("greet", true, Optional.empty(),
                    environment.settings().string("test.greet.text", "hello")));
        }
    }

    /** A provider that cannot be created. */
    public static final class BrokenProvider implements ToolProvider {
        public BrokenProvider() {
            throw new IllegalStateException("no licence key");
        }

        @Override
        public List<Tool> tools(ToolEnvironment environment) {
            return List.of();
        }
    }

    private record Simple(String name, boolean sideEffects, Optional<Compensation> compensation, String text)
            implements Tool {
        @Override
        public String description() {
            return "test tool";
        }

        @Override
        public JsonNode inputSchema() {
            ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
            schema.putObject("properties").putObject("id").put("type", "string");
            schema.putArray("required").add("id");
            return schema;
        }

        @Override
        public JsonNode outputSchema() {
            return JsonNodeFactory.instance.objectNode();
        }

        @Override
        public ToolResult invoke(ToolCall call) {
            return ToolResult.ok(JsonNodeFactory.instance.objectNode().put("text", text).put("id", "b-1"));
        }
    }

    @TempDir
    Path dir;

    private ClassLoader withProviders(Class<?>... providers) throws Exception {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        StringBuilder lines = new StringBuilder();
        for (Class<?> p : providers) {
            lines.append(p.getName()).append('\n');
        }
        Files.writeString(services.resolve(ToolProvider.class.getName()), lines);
        return new URLClassLoader(new URL[]{dir.toUri().toURL()}, getClass().getClassLoader());
    }

    @Test
    void providers_get_the_environment_and_their_tools_join_the_plain_ones() throws Exception {
        ToolEnvironment env = ToolEnvironment.builder(dir)
                .settings(ToolSettings.of(Map.of("test.greet.text", "bonjour"))).build();

        ToolRegistry registry = ToolRegistry.load(withProviders(GreetProvider.class), env);

        assertThat(registry.names()).contains("render_template", "greet");
        assertThat(registry.invoke(new ToolCall("greet", "k", JsonNodeFactory.instance.objectNode().put("id", "x")))
                .output().get("text").asText()).isEqualTo("bonjour");
        assertThat(env.artifacts().maxBytes()).isEqualTo(ToolEnvironment.DEFAULT_MAX_ARTIFACT_BYTES);
        assertThat(env.dataSource()).isEmpty();
    }

    @Test
    void provider_failures_stop_the_start_with_every_reason() throws Exception {
        ToolEnvironment env = ToolEnvironment.builder(dir)
                .settings(ToolSettings.of(Map.of("test.greet.ttl", "forever"))).build();

        ToolRegistryException error = catchThrowableOfType(ToolRegistryException.class,
                () -> ToolRegistry.load(withProviders(GreetProvider.class, BrokenProvider.class), env));

        assertThat(error.problems()).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains(GreetProvider.class.getName())
                        .contains("test.greet.ttl = 'forever'"))
                .anySatisfy(p -> assertThat(p).contains(BrokenProvider.class.getName()).contains("no licence key"));
    }

    @Test
    void compensations_must_name_a_registered_side_effecting_tool_and_cover_its_arguments() {
        Tool undo = new Simple("undo", true, Optional.empty(), "");
        Tool reader = new Simple("reader", false, Optional.empty(), "");
        ToolRegistryException error = catchThrowableOfType(ToolRegistryException.class, () -> ToolRegistry.of(List.of(
                undo, reader,
                new Simple("ghost_ref", true, Compensation.of("ghost", Map.of("id", "/id")), ""),
                new Simple("to_reader", true, Compensation.of("reader", Map.of("id", "/id")), ""),
                new Simple("wrong_args", true, Compensation.of("undo", Map.of("bookingId", "/id")), ""),
                new Simple("pure", false, Compensation.of("undo", Map.of("id", "/id")), ""))));

        assertThat(error.problems()).hasSize(5)
                .anySatisfy(p -> assertThat(p).contains("'ghost_ref'").contains("'ghost' is not registered"))
                .anySatisfy(p -> assertThat(p).contains("'to_reader'").contains("has no side effects"))
                .anySatisfy(p -> assertThat(p).contains("'wrong_args'").contains("has no argument 'bookingId'"))
                .anySatisfy(p -> assertThat(p).contains("'wrong_args'").contains("requires argument 'id'"))
                .anySatisfy(p -> assertThat(p).contains("'pure'").contains("only a tool with side effects"));
    }

    @Test
    void a_compensation_builds_the_undoing_call_from_the_result() {
        Tool book = new Simple("book", true, Compensation.of("undo", Map.of("id", "/id")), "");
        ToolRegistry registry = ToolRegistry.of(List.of(book, new Simple("undo", true, Optional.empty(), "")));
        ToolCall call = new ToolCall("book", "wf-1/7", JsonNodeFactory.instance.objectNode().put("id", "x"));
        ToolResult result = registry.invoke(call);

        ToolCall undo = book.compensation().orElseThrow().callFor(call, result);

        assertThat(undo.toolName()).isEqualTo("undo");
        assertThat(undo.idempotencyKey()).isEqualTo("wf-1/7/compensate");
        assertThat(undo.arguments().get("id").asText()).isEqualTo("b-1");
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> book.compensation().orElseThrow().callFor(call, ToolResult.error("room taken"))))
                .hasMessageContaining("nothing to compensate: room taken");
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> new Compensation("undo", Map.of("id", "no-slash"))))
                .hasMessageContaining("not a JSON Pointer");
    }
}
