package dev.guild.server.hooks.internal;

import dev.guild.server.config.GuildTopics;
import dev.guild.server.embedded.KafkaEndpoint;
import dev.guild.server.hooks.AcceptedRuns;
import dev.guild.server.hooks.HooksConfig;
import dev.guild.server.hooks.TriggersConfig;
import dev.guild.server.hooks.WorkflowCatalog;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** Mounts {@code POST /hooks/:trigger} on the HTTP router with the configured, validated triggers. */
@Singleton
public class HooksBeans {
    private static final Logger LOG = Logger.getLogger(HooksBeans.class);
    private KafkaTriggerPublisher publisher;

    /** A YAML file of triggers (name -> workflow, secret, max-body-bytes), merged under the properties. */
    @ConfigProperty(name = "guild.triggers-file")
    Optional<Path> triggersFile;

    void mount(@Observes Router router, TriggersConfig triggers, HooksConfig hooks, WorkflowCatalog workflows,
               KafkaEndpoint kafka, AcceptedRuns accepted) {
        TriggerRegistry registry = TriggerRegistry.create(
                TriggerSources.merge(triggers.all(), triggersFile, System.getenv()), workflows, Clock.systemUTC(),
                hooks.timestampTolerance());
        publisher = new KafkaTriggerPublisher(kafka.clientConfig(), GuildTopics.TRIGGERS, hooks.publishTimeout(),
                Clock.systemUTC());
        new WebhookRoute(new WebhookHandler(registry, publisher, accepted), hooks.retryAfter()).register(router);
        LOG.infof("webhook triggers: %s", registry.names().isEmpty() ? "none configured (guild.triggers.<name>.*, GUILD_TRIGGERS_<NAME>_*, guild.triggers-file)"
                : registry.names().stream().map(n -> "/hooks/" + n + " -> " + registry.find(n).orElseThrow()
                .workflow().name()).toList());
    }

    void stop(@Observes ShutdownEvent stop) {
        if (publisher != null) {
            publisher.close();
        }
    }
}
