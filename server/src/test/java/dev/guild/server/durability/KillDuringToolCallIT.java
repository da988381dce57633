package dev.guild.server.durability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.server.GuildMain;
import dev.guild.server.config.GuildSettings;
import dev.guild.server.config.GuildTopics;
import dev.guild.server.embedded.DevServices;
import dev.guild.server.embedded.KafkaEndpoint;
import dev.guild.server.embedded.internal.Ports;
import dev.guild.server.hooks.Deliveries;
import dev.guild.server.hooks.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Durability, across processes: {@code dev-services} runs Temporal, Kafka and PostgreSQL in one JVM; the platform
 * runs in another, pointed at them by configuration. The platform is killed with SIGKILL while the agent's tool
 * call ({@code http_request} to a local booking server that blocks) is in flight, then started again. The run
 * completes, each completed model call ran once, the tool's side effect is applied once (same idempotency key on
 * the retry), each event and transcript row is stored once, and {@code run.completed} is published.
 *
 * <p>The model is a local OpenAI-compatible server (the test double of an external model API). Child logs are kept
 * in {@code target/durability-logs/}. Runs in the integration-test phase (failsafe), after {@code package}.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class KillDuringToolCallIT {
    private static final String TRIGGER = "book";
    private static final Path LOGS = Path.of("target", "durability-logs");
    private static final Duration START = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    static ChildJvm services;
    static Map<String, String> serviceSettings;
    static BlockingBookingServer booking;
    static ScriptedModelServer model;
    static final List<ChildJvm> platforms = new ArrayList<>();

    @BeforeAll
    static void startServicesAndDoubles() throws Exception {
        booking = new BlockingBookingServer();
        model = new ScriptedModelServer(booking.url());
        services = ChildJvm.start("dev-services", LOGS, List.of("-Xmx1g",
                "-Dguild.data-dir=" + dataDir.resolve("services"), "-Dguild.temporal.port=0", "-Dguild.kafka.port=0",
                "-Dguild.kafka.controller-port=0", "-Dguild.postgres.port=0"), List.of(GuildMain.DEV_SERVICES));
        serviceSettings = services.settingsAfter(DevServices.SETTINGS_HEADER, START);
        assertThat(serviceSettings).as("dev-services tells platforms to avoid sticky queues on its test server")
                .containsEntry("guild.workflows.sticky-execution", "false");
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (ChildJvm platform : platforms) {
            platform.close();
        }
        if (services != null) {
            services.close();
        }
        if (model != null) {
            model.close();
        }
        if (booking != null) {
            booking.close();
        }
    }

    /** Starts the platform on the dev-services, with its own HTTP port; returns when it serves HTTP. */
    private static ChildJvm startPlatform(String name, int httpPort) throws Exception {
        Path definitions = Path.of("src", "test", "resources", "durability").toAbsolutePath();
        List<String> args = new ArrayList<>(List.of("-Xmx512m",
                "-Dquarkus.http.port=" + httpPort,
                "-Dguild.data-dir=" + dataDir.resolve("platform-unused"),
                "-Dguild.workflows.dir=" + definitions,
                "-Dguild.triggers." + TRIGGER + ".workflow=durable-agent",
                "-Dguild.triggers." + TRIGGER + ".secret=" + Deliveries.SECRET,
                "-Dguild.model.base-url=" + model.baseUrl(),
                "-Dguild.model.timeout=20s",
                "-Dguild.tools.http-request.allowed-hosts=127.0.0.1"));
        serviceSettings.forEach((key, value) -> args.add("-D" + key + "=" + value));
        ChildJvm platform = ChildJvm.start(name, LOGS, args, List.of());
        platforms.add(platform);
        platform.awaitLine(line -> line.contains("Listening on: http"), "the HTTP server listening", START);
        platform.awaitLine(line -> line.contains("Temporal worker polling"), "the Temporal worker polling", START);
        return platform;
    }

    @Test
    void a_run_survives_kill_9_of_the_platform_during_a_tool_call_and_repeats_no_completed_work() throws Exception {
        int httpPort = Ports.freePort();
        ChildJvm first = startPlatform("platform-1", httpPort);
        Deliveries deliveries = new Deliveries(URI.create("http://127.0.0.1:" + httpPort));
        KafkaEndpoint kafka = new KafkaEndpoint(serviceSettings.get(GuildSettings.KAFKA_BOOTSTRAP_SERVERS), false, Map.of());

        try (TopicReader runEvents = new TopicReader(kafka, GuildTopics.RUN_EVENTS)) {
            HttpResponse<String> accepted = deliveries.send(TRIGGER, "msg_durable_1", "{\"order\":\"A-42\"}");
            assertThat(accepted.statusCode()).as("webhook answer: %s", accepted.body()).isEqualTo(202);
            String runId = JSON.readTree(accepted.body()).path("runId").asText();
            assertThat(runId).isNotBlank();

            assertThat(booking.awaitRequests(1, Duration.ofSeconds(60)))
                    .as("the tool's request reaches the booking server; %s\n%s", model.counts(), first.tail()).isTrue();
            assertThat(model.toolCallsServed()).as(model.counts()).isEqualTo(1);
            assertThat(model.finalAnswersServed()).as(model.counts()).isZero();

            first.kill9();
            assertThat(first.isAlive()).isFalse();

            ChildJvm second = startPlatform("platform-2", httpPort);
            assertThat(booking.awaitRequests(2, Duration.ofSeconds(60)))
                    .as("the restarted platform retries the tool call whose worker died; %s\n%s", model.counts(),
                            second.tail()).isTrue();
            booking.release();

            List<ConsumerRecord<String, byte[]>> completed = runEvents.read(
                    r -> runId.equals(r.key()) && "run.completed".equals(header(r, "ce_type")),
                    found -> !found.isEmpty(), Duration.ofSeconds(60));
            if (completed.isEmpty()) {
                throw new AssertionError("no run.completed of " + runId + " on " + GuildTopics.RUN_EVENTS + " within 60 s; "
                        + model.counts() + "; booking requests " + booking.requests() + "\n" + histories(runId)
                        + second.tail());
            }
            assertThat(completed).extracting(r -> header(r, "ce_id")).as("one run.completed event (id)").hasSize(1)
                    .doesNotHaveDuplicates();

            JsonNode run = awaitRunState(deliveries, runId, "completed", second);
            assertThat(run.path("result").path("confirmation").asText()).isEqualTo(ScriptedModelServer.FINAL_ANSWER);
            assertThat(run.path("result").path("order").asText()).isEqualTo("A-42");

            // Model: the call that completed before the kill (tool call) ran once, the one after it (final answer) once.
            assertThat(model.toolCallsServed()).as(model.counts()).isEqualTo(1);
            assertThat(model.finalAnswersServed()).as(model.counts()).isEqualTo(1);
            assertThat(model.badRequests()).as(model.counts()).isZero();

            // Tool: the attempt in flight at the kill was retried with the same key; the booking applied once.
            List<BlockingBookingServer.Request> requests = booking.requests();
            assertThat(requests).hasSize(2);
            assertThat(requests).extracting(BlockingBookingServer.Request::method).containsOnly("POST");
            String key = requests.getFirst().idempotencyKey();
            assertThat(key).startsWith(runId);
            assertThat(requests).extracting(BlockingBookingServer.Request::idempotencyKey).containsOnly(key);
            assertThat(booking.appliedKeys()).containsExactly(key);

            assertStoredOnce(runId, key);
        }
    }

    /** PostgreSQL: the run's events 1..n without gaps, each step's event once; the transcript has each message once. */
    private static void assertStoredOnce(String runId, String toolKey) throws Exception {
        try (Connection db = DriverManager.getConnection(serviceSettings.get("guild.postgres.jdbc-url"),
                serviceSettings.get("guild.postgres.username"), "")) {
            List<String[]> events = rows(db, "SELECT sequence, type, data FROM run_events WHERE run_id = ? ORDER BY sequence",
                    runId);
            List<String> types = events.stream().map(e -> e[1]).toList();
            assertThat(events).extracting(e -> Long.parseLong(e[0]))
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, events.size()).boxed().toList());
            assertThat(events).as("each (type, data) stored once: %s", types).extracting(e -> e[1] + " " + e[2])
                    .doesNotHaveDuplicates();
            assertThat(types.stream().filter("run.started"::equals)).hasSize(1);
            assertThat(types.stream().filter("model.completed"::equals)).hasSize(2);
            assertThat(types.stream().filter("tool.called"::equals)).hasSize(1);
            assertThat(types.stream().filter("tool.completed"::equals)).hasSize(1);
            assertThat(types.stream().filter("run.completed"::equals)).hasSize(1);
            assertThat(types.getLast()).isEqualTo("run.completed");
            String toolCompleted = events.stream().filter(e -> e[1].equals("tool.completed")).findFirst().orElseThrow()[2];
            assertThat(JSON.readTree(toolCompleted).path("idempotencyKey").asText()).isEqualTo(toolKey);

            List<String[]> transcript = rows(db,
                    "SELECT position, write_key, message FROM transcripts WHERE run_id = ? ORDER BY transcript_id, position",
                    runId);
            List<String> roles = new ArrayList<>();
            for (String[] row : transcript) {
                roles.add(JSON.readTree(row[2]).path("type").asText());
            }
            assertThat(transcript).extracting(r -> Integer.parseInt(r[0]))
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, transcript.size()).boxed().toList());
            assertThat(roles).as("transcript message types").filteredOn("AI"::equals).hasSize(2);
            assertThat(roles).as("transcript message types").filteredOn("TOOL_EXECUTION_RESULT"::equals).hasSize(1);
            assertThat(transcript).filteredOn(r -> r[1].equals(toolKey)).as("the tool result, written under its key")
                    .hasSize(1);
        }
    }

    private static List<String[]> rows(Connection db, String sql, String runId) throws Exception {
        List<String[]> rows = new ArrayList<>();
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, runId);
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    String[] row = new String[columns];
                    for (int i = 0; i < columns; i++) {
                        row[i] = result.getString(i + 1);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static JsonNode awaitRunState(Deliveries deliveries, String runId, String state, ChildJvm platform)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = deliveries.get("/api/runs/" + runId);
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200 && state.equals(JSON.readTree(response.body()).path("state").asText())) {
                return JSON.readTree(response.body());
            }
            Thread.sleep(200);
        }
        throw new AssertionError("GET /api/runs/" + runId + " never showed state " + state + "; last answer: " + last
                + "\n" + platform.tail());
    }

    private static String histories(String runId) {
        return WorkflowHistories.describe(serviceSettings.get("guild.temporal.target"),
                serviceSettings.get("guild.temporal.namespace"), List.of(runId, runId + "/book"));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

}
