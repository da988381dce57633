package dev.guild.server.embedded.internal;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A single-node Apache Kafka KRaft broker (broker and controller in one) whose log lives in a directory, so records
 * survive a restart on the same directory.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private final KafkaRaftServer server;
    private final int port;

    private EmbeddedKafka(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Formats {@code logDir} on first use (when it has no meta.properties) and starts the broker.
     *
     * @param logDir         the broker's log directory (created when missing)
     * @param port           client port (already resolved, not 0)
     * @param controllerPort KRaft controller port (already resolved, not 0)
     */
    public static EmbeddedKafka start(Path logDir, int port, int controllerPort) {
        try {
            Files.createDirectories(logDir);
            Map<String, String> config = brokerConfig(logDir, port, controllerPort);
            Path configFile = logDir.resolveSibling(logDir.getFileName() + "-server.properties");
            Properties properties = new Properties();
            properties.putAll(config);
            try (OutputStream out = Files.newOutputStream(configFile)) {
                properties.store(out, "Written by Guild at each start of the embedded broker; edits are overwritten");
            }
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(configFile);
            }
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(properties), Time.SYSTEM);
            try {
                server.startup();
            } catch (RuntimeException e) {
                server.shutdown();
                throw new IllegalStateException("the embedded Kafka broker did not start on port " + port
                        + " with log dir " + logDir + ": " + e.getMessage(), e);
            }
            return new EmbeddedKafka(server, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded Kafka log dir " + logDir + ": " + e.getMessage(), e);
        }
    }

    static Map<String, String> brokerConfig(Path logDir, int port, int controllerPort) {
        Map<String, String> c = new TreeMap<>();
        c.put("process.roles", "broker,controller");
        c.put("node.id", "1");
        c.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        c.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        c.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        c.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        c.put("controller.listener.names", "CONTROLLER");
        c.put("inter.broker.listener.name", "PLAINTEXT");
        c.put("log.dirs", logDir.toAbsolutePath().toString());
        // Topics are created explicitly at start; a typo in a topic name should fail, not create a topic.
        c.put("auto.create.topics.enable", "false");
        c.put("offsets.topic.replication.factor", "1");
        c.put("offsets.topic.num.partitions", "5");
        c.put("transaction.state.log.replication.factor", "1");
        c.put("transaction.state.log.min.isr", "1");
        c.put("transaction.state.log.num.partitions", "5");
        c.put("share.coordinator.state.topic.replication.factor", "1");
        c.put("share.coordinator.state.topic.min.isr", "1");
        c.put("group.initial.rebalance.delay.ms", "0");
        // The default 128 MiB cleaner buffer would sit on the heap of the embedding JVM.
        c.put("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));
        c.put("num.network.threads", "2");
        c.put("num.io.threads", "4");
        c.put("num.recovery.threads.per.data.dir", "1");
        return c;
    }

    private static void format(Path configFile) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String[] args = {"format", "-t", Uuid.randomUuid().toString(), "-c", configFile.toString()};
        int status;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(args, out);
        } catch (RuntimeException e) {
            throw new IllegalStateException("formatting the embedded Kafka storage failed: " + e.getMessage()
                    + "; output: " + output.toString(StandardCharsets.UTF_8), e);
        }
        if (status != 0) {
            throw new IllegalStateException("formatting the embedded Kafka storage failed with status " + status
                    + ": " + output.toString(StandardCharsets.UTF_8));
        }
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
