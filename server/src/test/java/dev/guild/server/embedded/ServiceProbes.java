package dev.guild.server.embedded;

import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Real clients that reach each service; shared by the in-process and the separate-process tests. */
final class ServiceProbes {

    private ServiceProbes() {
    }

    /** Describes the namespace, then runs {@link ProbeWorkflow} as {@code workflowId} through a worker. */
    static String runProbeWorkflow(TemporalEndpoint temporal, String workflowId) {
        WorkflowServiceStubs stubs = TemporalClients.serviceStubs(temporal);
        try {
            return runProbeWorkflow(WorkflowClient.newInstance(stubs,
                    WorkflowClientOptions.newBuilder().setNamespace(temporal.namespace()).build()), workflowId);
        } finally {
            stubs.shutdownNow();
        }
    }

    /** Describes the client's namespace, then runs {@link ProbeWorkflow} as {@code workflowId} through a worker. */
    static String runProbeWorkflow(WorkflowClient client, String workflowId) {
        String namespace = client.getOptions().getNamespace();
        client.getWorkflowServiceStubs().blockingStub().describeNamespace(
                DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build());
        String queue = "probe-" + UUID.randomUUID();
        WorkerFactory factory = WorkerFactory.newInstance(client);
        Worker worker = factory.newWorker(queue);
        worker.registerWorkflowImplementationTypes(ProbeWorkflow.Impl.class);
        factory.start();
        try {
            ProbeWorkflow workflow = client.newWorkflowStub(ProbeWorkflow.class, WorkflowOptions.newBuilder()
                    .setTaskQueue(queue).setWorkflowId(workflowId)
                    .setWorkflowExecutionTimeout(Duration.ofSeconds(30)).build());
            return workflow.echo("guild");
        } finally {
            factory.shutdownNow();
            factory.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** Sends one record to {@code topic} and waits for the broker's acknowledgement. */
    static void produce(KafkaEndpoint kafka, String topic, String key, String value) throws Exception {
        Map<String, Object> config = kafka.clientConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** Reads {@code topic} from the beginning with a fresh group until a record with {@code key} arrives. */
    static List<String> valuesOf(KafkaEndpoint kafka, String topic, String key) {
        Map<String, Object> config = kafka.clientConfig();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        values.add(record.value());
                    }
                }
            }
        }
        return values;
    }

    /** The first column of every row of {@code sql}, as text. */
    static List<String> query(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * How many migrations the platform applies (files {@code V<yyyyMMddHHmm>__<what>.sql}): the server's and those
     * the tools jar ships (booking tables), all under {@code db/migration} on the class path.
     */
    static long migrationCount() throws java.io.IOException {
        long count = 0;
        for (String dir : new String[]{"src/main/resources/db/migration", "../tools/src/main/resources/db/migration"}) {
            try (var files = java.nio.file.Files.list(java.nio.file.Path.of(dir))) {
                count += files.filter(f -> f.getFileName().toString().matches("V\\d{12}__.+\\.sql")).count();
            }
        }
        return count;
    }
}
