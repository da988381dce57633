package dev.guild.server.worker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.runtime.model.testing.ModelShape;
import dev.guild.runtime.model.testing.RandomModel;
import dev.guild.runtime.tensor.GgmlType;
import dev.guild.server.worker.ModelConfig;
import dev.guild.workflows.RunEvent;
import dev.guild.workflows.RunEventTypes;
import dev.guild.workflows.RunResult;
import dev.guild.workflows.RunState;
import dev.guild.workflows.RunTrigger;
import dev.guild.workflows.RunWorkflow;
import dev.guild.workflows.definition.DefinitionRepository;
import dev.guild.workflows.definition.WorkflowDefinition;
import dev.guild.workflows.testing.WorkflowTestBed;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.NonRetriableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The platform's in-process model runtime ({@code guild.model.path}): a tiny random GGUF model generated here is
 * loaded and served on a loopback port by Guild's own runtime, and an agent run goes through it end to end with
 * LangChain4j's OpenAI client, as it would against a remote endpoint. The model is random, so its text is too; what
 * is asserted is that the run completes and the runtime really answered (token usage from the server).
 */
class InProcessModelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEFINITION = """
            document:
              dsl: '1.0.0'
              namespace: tests
              name: random-agent
              version: '1.0.0'
            do:
              - think:
                  call: agent
                  with:
                    name: thinker
                    instructions: Answer in a few words.
                    prompt: ${ "Say something about " + .topic }
                    model:
                      temperature: 0
                      maxOutputTokens: 6
                    limits:
                      maxSteps: 3
                      deadline: PT1M
            """;

    @TempDir
    Path dir;

    record Config(Optional<String> baseUrl, Optional<String> path) implements ModelConfig {
        public String apiKey() {
            return "none";
        }

        public Optional<String> name() {
            return Optional.empty();
        }

        public Duration timeout() {
            return Duration.ofSeconds(60);
        }

        public int maxRetries() {
            return 0;
        }

        public Optional<Double> temperature() {
            return Optional.empty();
        }

        public boolean logMessages() {
            return false;
        }

        public Optional<Path> modelsDir() {
            return Optional.empty();
        }

        public OptionalInt threads() {
            return OptionalInt.of(1);
        }

        public int maxSequences() {
            return 2;
        }

        public OptionalInt contextLength() {
            return OptionalInt.of(512);
        }

        public int port() {
            return 0;
        }
    }

    @Test
    void an_agent_run_completes_through_the_in_process_runtime() throws Exception {
        Path gguf = dir.resolve("tiny.gguf");
        RandomModel.generate(ModelShape.tiny("qwen3moe"), 160, 7).writeGguf(gguf, GgmlType.Q8_0);
        Path definitions = Files.createDirectories(dir.resolve("definitions"));
        Files.writeString(definitions.resolve("random-agent.yaml"), DEFINITION);

        try (ModelEndpoint endpoint = ModelEndpoint.open(new Config(Optional.empty(), Optional.of(gguf.toString())),
                dir.resolve("models"));
             WorkflowTestBed bed = new WorkflowTestBed(endpoint.chatModel())) {
            String baseUrl = endpoint.baseUrl().orElseThrow();
            assertThat(baseUrl).startsWith("http://127.0.0.1:").endsWith("/v1");
            assertThat(endpoint.describe()).contains("in-process runtime serving 'guild-random-qwen3moe'");
            HttpResponse<String> models = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/models")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(models.body()).contains("\"id\":\"guild-random-qwen3moe\"");

            WorkflowDefinition definition = DefinitionRepository.loadDirectory(definitions, bed.tools).get("random-agent");
            RunResult result = bed.newWorkflow(RunWorkflow.class, "run-local").run(definition.runRequest("run-local",
                    new RunTrigger("webhook", "local", "msg_local"), "{\"topic\":\"the sea\"}"));

            assertThat(result.state()).as(result.error()).isEqualTo(RunState.COMPLETED);
            List<RunEvent> modelCalls = bed.events.events("run-local").stream()
                    .filter(e -> e.type().equals(RunEventTypes.MODEL_COMPLETED)).toList();
            assertThat(modelCalls).isNotEmpty();
            for (RunEvent call : modelCalls) {
                JsonNode data = JSON.readTree(call.data());
                assertThat(data.get("inputTokens").asLong()).as(call.data()).isPositive();
                assertThat(data.get("outputTokens").asLong()).as(call.data()).isPositive();
            }
            assertThat(bed.events.types("run-local")).last().isEqualTo(RunEventTypes.RUN_COMPLETED);
        }
    }

    @Test
    void base_url_and_path_together_are_refused_naming_both() {
        assertThatThrownBy(() -> ModelEndpoint.open(new Config(Optional.of("http://localhost:8000/v1"),
                Optional.of("model.gguf")), dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("guild.model.base-url (http://localhost:8000/v1)")
                .hasMessageContaining("guild.model.path (model.gguf)")
                .hasMessageContaining("not both");
    }

    @Test
    void a_path_that_is_no_model_fails_the_start_naming_the_setting() throws Exception {
        Path notGguf = Files.writeString(dir.resolve("notes.gguf"), "not a model");
        assertThatThrownBy(() -> ModelEndpoint.open(new Config(Optional.empty(), Optional.of(notGguf.toString())), dir))
                .hasMessageContaining("guild.model.path=" + notGguf);
    }

    @Test
    void with_no_model_configured_each_call_fails_at_once_naming_both_settings() {
        try (ModelEndpoint endpoint = ModelEndpoint.open(new Config(Optional.empty(), Optional.empty()), dir)) {
            assertThat(endpoint.baseUrl()).isEmpty();
            assertThatThrownBy(() -> endpoint.chatModel().chat(UserMessage.from("hi")))
                    .isInstanceOf(NonRetriableException.class)
                    .hasMessageContaining("guild.model.path")
                    .hasMessageContaining("guild.model.base-url");
        }
    }

    @Test
    void a_remote_endpoint_is_used_as_configured() {
        try (ModelEndpoint endpoint = ModelEndpoint.open(new Config(Optional.of("http://models.internal:8000/v1"),
                Optional.empty()), dir)) {
            assertThat(endpoint.baseUrl()).contains("http://models.internal:8000/v1");
            assertThat(endpoint.local()).isEmpty();
            assertThat(endpoint.describe()).isEqualTo("remote http://models.internal:8000/v1 (model 'default')");
        }
    }
}
