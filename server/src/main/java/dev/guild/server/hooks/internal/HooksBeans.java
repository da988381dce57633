package dev.guild.server.hooks.internal;

import dev.guild.server.config.GuildTopics;
import dev.guild.server.embedded.KafkaEndpoint;
import dev.guild.server.hooks.HooksConfig;
import dev.guild.server.hooks.TriggersConfig;
import dev.guild.server.hooks.WorkflowCatalog;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;

/** Mounts {@code POST /hooks/:trigger} on the HTTP router with the configured, validated triggers. */
@Singleton
public class HooksBeans {
    private static final Logger LOG = Logger.getLogger(HooksBeans.class);
    private KafkaTriggerPublisher publisher;

    void mount(@Observes Router router, TriggersConfig triggers, HooksConfig hooks, WorkflowCatalog workflows,
               KafkaEndpoint kafka) {
        TriggerRegistry registry = TriggerRegistry.create(triggers.all(), workflows, Clock.systemUTC(),
                hooks.timestampTolerance());
        publisher = new KafkaTriggerPublisher(kafka.clientConfig(), GuildTopics.TRIGGERS, hooks.publishTimeout(),
                Clock.systemUTC());
        new WebhookRoute(new WebhookHandler(registry, publisher), hooks.retryAfter()).register(router);
        LOG.infof("webhook triggers: %s", registry.names().isEmpty() ? "none configured (guild.triggers.<name>.*)"
                : registry.names().stream().map(n -> "/hooks/" + n + " -> " + registry.find(n).orElseThrow()
                .workflow().name()).toList());
    }

    void stop(@Observes ShutdownEvent stop) {
        if (publisher != null) {
            publisher.close();
        }
    }
}
