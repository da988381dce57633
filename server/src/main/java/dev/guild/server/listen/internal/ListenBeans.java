package dev.guild.server.listen.internal;

import dev.guild.server.dispatch.ConsumerLoop;
import dev.guild.server.dispatch.DeadLetters;
import dev.guild.server.embedded.KafkaEndpoint;
import dev.guild.server.listen.ListenConfig;
import dev.guild.workflows.ports.EventPublisher;
import dev.guild.workflows.ports.EventSubscriptions;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.temporal.client.WorkflowClient;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import javax.sql.DataSource;

/**
 * Beans of {@code emit} and {@code listen}: the Kafka publisher, the PostgreSQL subscriptions, and the consumer of
 * the events topic that signals waiting runs (started with the application, stopped first).
 */
@Singleton
public class ListenBeans {
    private ConsumerLoop consumer;
    private KafkaEventPublisher publisher;

    @Produces
    @Singleton
    EventPublisher publisher(KafkaEndpoint kafka, ListenConfig config) {
        publisher = new KafkaEventPublisher(kafka, config.topic());
        return publisher;
    }

    @Produces
    @Singleton
    EventSubscriptions subscriptions(DataSource dataSource) {
        return new JdbcEventSubscriptions(dataSource);
    }

    void start(@Observes StartupEvent start, ListenConfig config, KafkaEndpoint kafka, WorkflowClient client,
               EventSubscriptions subscriptions, DeadLetters deadLetters) {
        if (config.consume()) {
            consumer = new ConsumerLoop(ListenConsumer.NAME, kafka, config.topic(), ListenConsumer.NAME, 100,
                    new ListenConsumer(client, subscriptions, deadLetters)).start();
        }
    }

    void stop(@Observes ShutdownEvent stop) {
        if (consumer != null) {
            consumer.close();
        }
    }

    /** After the Temporal worker stopped (default priority), before the embedded broker goes away. */
    void closePublisher(@Observes @Priority(3000) ShutdownEvent stop) {
        if (publisher != null) {
            publisher.close();
        }
    }
}
