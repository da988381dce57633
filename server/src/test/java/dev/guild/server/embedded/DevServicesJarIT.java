package dev.guild.server.embedded;

import dev.guild.server.GuildMain;
import dev.guild.server.config.GuildSettings;
import dev.guild.server.config.GuildTopics;
import dev.guild.server.embedded.internal.Ports;
import io.agroal.api.AgroalDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code dev-services} from the packaged jar in its own JVM (the way the durability test and a multi-process
 * deployment run it), and a platform in this JVM that points at it by configuration and so embeds nothing.
 * Runs in the integration-test phase (failsafe), after {@code package} built the jar.
 */
class DevServicesJarIT {

    @TempDir
    static Path dataDir;

    static Process process;
    static Map<String, String> settings;
    static StringBuffer output = new StringBuffer();
    static int httpPort;

    @BeforeAll
    static void startDevServices() throws Exception {
        httpPort = Ports.freePort();
        process = jar(List.of("-Dguild.data-dir=" + dataDir,
                "-Dguild.temporal.port=0", "-Dguild.kafka.port=0", "-Dguild.kafka.controller-port=0",
                "-Dguild.postgres.port=0", "-Dquarkus.http.port=" + httpPort), GuildMain.DEV_SERVICES);
        settings = CompletableFuture.supplyAsync(DevServicesJarIT::readSettings).get(120, TimeUnit.SECONDS);
    }

    /** Starts {@code java <jvmOptions> -jar quarkus-run.jar <args>} with stderr merged into stdout. */
    private static Process jar(List<String> jvmOptions, String... args) throws IOException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assertThat(jar).as("the packaged jar; run mvn verify (package comes before integration-test)").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Runs the jar to its end; returns its exit status and output. */
    private static Map.Entry<Integer, String> jarRun(List<String> jvmOptions, String... args) throws Exception {
        Process run = jar(jvmOptions, args);
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return Map.entry(run.exitValue(), out);
    }

    /** Reads the child's output until the settings block ends; keeps draining it afterwards. */
    private static Map<String, String> readSettings() {
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Map<String, String> found = new LinkedHashMap<>();
        try {
            boolean inSettings = false;
            for (String line; (line = reader.readLine()) != null; ) {
                output.append(line).append('\n');
                if (line.equals(DevServices.SETTINGS_HEADER)) {
                    inSettings = true;
                } else if (inSettings && line.isBlank()) {
                    Thread.ofVirtual().start(() -> reader.lines().forEach(l -> output.append(l).append('\n')));
                    return found;
                } else if (inSettings) {
                    int eq = line.indexOf('=');
                    found.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading dev-services output failed; so far:\n" + output, e);
        }
        throw new IllegalStateException("dev-services ended before printing its settings:\n" + output);
    }

    @AfterAll
    static void stopDevServices() throws Exception {
        if (process == null) {
            return;
        }
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("dev-services stops on SIGTERM").isTrue();
        int postgresPort = Integer.parseInt(settings.get("guild.postgres.jdbc-url").replaceAll(".*:(\\d+)/.*", "$1"));
        assertThatThrownBy(() -> new Socket("localhost", postgresPort).close())
                .as("the embedded PostgreSQL stopped with dev-services").isInstanceOf(ConnectException.class);
    }

    @Test
    void dev_services_prints_where_each_service_listens_and_starts_no_http_server() {
        assertThat(output.toString())
                .contains("temporal embedded at localhost:")
                .contains("workflow state is in memory")
                .contains("kafka    embedded at localhost:")
                .contains("postgres embedded at jdbc:postgresql://localhost:");
        assertThat(settings).containsKeys("guild.temporal.target", GuildSettings.KAFKA_BOOTSTRAP_SERVERS,
                "guild.postgres.jdbc-url", "guild.postgres.username");
        assertThat(Files.isDirectory(dataDir.resolve("kafka"))).isTrue();
        assertThat(Files.isDirectory(dataDir.resolve("postgres"))).isTrue();
        assertThatThrownBy(() -> new Socket("localhost", httpPort).close())
                .as("no HTTP server on the configured quarkus.http.port").isInstanceOf(ConnectException.class);
        assertThat(output.toString()).doesNotContain("Listening on: http");
    }

    @Test
    void an_unknown_mode_exits_with_status_2_and_the_usage() throws Exception {
        Map.Entry<Integer, String> run = jarRun(List.of(), "dev-service");
        assertThat(run.getKey()).isEqualTo(2);
        assertThat(run.getValue()).contains("unknown mode 'dev-service'").contains("usage: java -jar quarkus-run.jar");
    }

    @Test
    void bad_configuration_exits_with_status_2_listing_every_problem(@TempDir Path otherDir) throws Exception {
        Map.Entry<Integer, String> run = jarRun(List.of("-Dguild.data-dir=" + otherDir,
                "-Dguild.temporal.target=temporal", "-Dguild.kafka.port=70000"), GuildMain.DEV_SERVICES);
        assertThat(run.getKey()).isEqualTo(2);
        assertThat(run.getValue())
                .contains("2 configuration problem(s)")
                .contains("guild.temporal.target=temporal: 'temporal' is not host:port")
                .contains("guild.kafka.port=70000: is not a port");
        assertThat(otherDir.resolve("kafka")).as("nothing started").doesNotExist();
    }

    @Test
    void a_platform_pointed_at_dev_services_embeds_nothing_and_reaches_each_service(@TempDir Path unusedDataDir)
            throws Exception {
        Path neverCreated = unusedDataDir.resolve("not-created");
        Map<String, String> external = new LinkedHashMap<>(settings);
        external.put("guild.data-dir", neverCreated.toString());
        try (GuildServices services = GuildServices.start(GuildSettings.load("prod", external))) {
            assertThat(services.report()).allSatisfy(r -> assertThat(r.embedded()).as(r.line()).isFalse());
            assertThat(services.report()).extracting(ServiceReport::address).containsExactly(
                    settings.get("guild.temporal.target"), settings.get(GuildSettings.KAFKA_BOOTSTRAP_SERVERS),
                    settings.get("guild.postgres.jdbc-url"));
            assertThat(services.report().get(1).detail()).endsWith(" exist");
            assertThat(neverCreated).doesNotExist();
            assertThat(services.temporalInProcessChannel()).as("an external Temporal is reached over the network").isEmpty();

            assertThat(ServiceProbes.runProbeWorkflow(services.temporal(), "probe-" + UUID.randomUUID()))
                    .isEqualTo("echo:guild");

            String key = "external-" + UUID.randomUUID();
            ServiceProbes.produce(services.kafka(), GuildTopics.TRIGGERS, key, "hello");
            assertThat(ServiceProbes.valuesOf(services.kafka(), GuildTopics.TRIGGERS, key)).containsExactly("hello");

            try (AgroalDataSource db = PostgresDataSources.open(services.postgres(), 2)) {
                PostgresDataSources.migrate(db);
                assertThat(ServiceProbes.query(db, "SELECT name FROM guild_schema_info")).containsExactly("created_at");
                assertThat(ServiceProbes.query(db, "SELECT count(*) FROM flyway_schema_history WHERE success"))
                        .containsExactly(String.valueOf(ServiceProbes.migrationCount()));
            }
        }
    }
}
