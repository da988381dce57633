package dev.guild.server.worker.internal;

import com.sun.net.httpserver.HttpServer;
import dev.guild.agents.ModelSettings;
import dev.guild.server.worker.ModelConfig;
import dev.guild.tools.ToolRegistry;
import dev.guild.workflows.activities.ModelActivities;
import dev.guild.workflows.activities.ModelCallInput;
import dev.guild.workflows.internal.activities.ModelActivitiesImpl;
import dev.guild.workflows.testing.InMemoryTranscriptStore;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What the model activity makes of the model endpoint's HTTP errors, through the production client
 * ({@link ModelEndpoint#chatModel()}: LangChain4j's OpenAI client) against a local HTTP server that answers every
 * request with one status and an OpenAI-style error body: a request the endpoint refuses (400 and the other 4xx but
 * 408 and 429) is a non-retryable failure carrying the endpoint's message; 408, 429 and 5xx are retryable.
 */
class ModelFailuresTest {

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int status;
    private TestActivityEnvironment activities;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            requests.incrementAndGet();
            byte[] body = ("{\"error\":{\"message\":\"model endpoint says " + status
                    + ": 'messages' is too long\",\"type\":\"invalid_request_error\"}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        activities = TestActivityEnvironment.newInstance();
    }

    @AfterEach
    void stop() {
        activities.close();
        server.stop(0);
    }

    @ParameterizedTest(name = "HTTP {0} -> non-retryable {1}")
    @CsvSource({"400, true", "401, true", "404, true", "413, true", "422, true",
            "408, false", "429, false", "500, false", "503, false"})
    void a_refused_request_fails_for_good_and_a_transient_error_is_retried(int httpStatus, boolean nonRetryable) {
        status = httpStatus;
        try (ModelEndpoint endpoint = ModelEndpoint.open(config("http://127.0.0.1:" + server.getAddress().getPort() + "/v1"),
                Path.of("unused-models-dir"))) {
            activities.registerActivitiesImplementations(new ModelActivitiesImpl(endpoint.chatModel(),
                    ToolRegistry.of(List.of()), new InMemoryTranscriptStore()));
            ModelActivities model = activities.newActivityStub(ModelActivities.class, ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(20)).build());

            ActivityFailure failure = catchThrowableOfType(ActivityFailure.class, () -> model.chat(new ModelCallInput(
                    "run-1", "agent", 0, "tester", List.of(), ModelSettings.DEFAULTS,
                    new ModelCallInput.Opening("Be brief.", "Say hi."), 0, null)));

            assertThat(failure).isNotNull();
            assertThat(requests.get()).as("the client itself does not retry (max-retries 0)").isEqualTo(1);
            ApplicationFailure cause = (ApplicationFailure) failure.getCause();
            assertThat(cause.isNonRetryable()).as(cause.getType() + ": " + cause.getOriginalMessage())
                    .isEqualTo(nonRetryable);
            if (nonRetryable) {
                assertThat(cause.getType()).isEqualTo(ModelActivitiesImpl.MODEL_REJECTED);
                assertThat(cause.getOriginalMessage()).startsWith("the model rejected the request: ")
                        .contains("model endpoint says " + httpStatus + ": 'messages' is too long");
            } else {
                assertThat(cause.getType()).isNotEqualTo(ModelActivitiesImpl.MODEL_REJECTED);
            }
        }
    }

    private static ModelConfig config(String baseUrl) {
        return new ModelConfig() {
            @Override public Optional<String> baseUrl() { return Optional.of(baseUrl); }
            @Override public Optional<String> path() { return Optional.empty(); }
            @Override public String apiKey() { return "none"; }
            @Override public Optional<String> name() { return Optional.of("scripted"); }
            @Override public Duration timeout() { return Duration.ofSeconds(10); }
            @Override public int maxRetries() { return 0; }
            @Override public Optional<Double> temperature() { return Optional.empty(); }
            @Override public boolean logMessages() { return false; }
            @Override public Optional<Path> modelsDir() { return Optional.empty(); }
            @Override public OptionalInt threads() { return OptionalInt.empty(); }
            @Override public int maxSequences() { return 8; }
            @Override public OptionalInt contextLength() { return OptionalInt.empty(); }
            @Override public int port() { return 0; }
        };
    }
}
