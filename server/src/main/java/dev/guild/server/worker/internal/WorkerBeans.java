package dev.guild.server.worker.internal;

import dev.guild.server.config.GuildConfig;
import dev.guild.server.worker.ModelConfig;

import dev.guild.workflows.ports.TranscriptStore;
import dev.langchain4j.model.chat.ChatModel;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import javax.sql.DataSource;

/**
 * Production implementations of the workflow ports and the chat model. Tests replace the {@link ChatModel} with a
 * scripted CDI alternative that lives in the test sources only.
 */
@Singleton
public class WorkerBeans {
    private static final Logger LOG = Logger.getLogger(WorkerBeans.class);

    @Produces
    @Singleton
    TranscriptStore transcripts(DataSource dataSource) {
        return new PostgresTranscriptStore(dataSource);
    }

    /** The model endpoint of {@code guild.model.*}: remote, or Guild's runtime started in this process. */
    @Produces
    @Singleton
    ModelEndpoint modelEndpoint(ModelConfig model, GuildConfig guild) {
        ModelEndpoint endpoint = ModelEndpoint.open(model, guild.dataDir().resolve("models"));
        if (endpoint.baseUrl().isEmpty()) {
            LOG.warn("model: " + endpoint.describe());
        } else {
            LOG.info("model: " + endpoint.describe());
        }
        return endpoint;
    }

    void closeModelEndpoint(@Disposes ModelEndpoint endpoint) {
        endpoint.close();
    }

    /** The OpenAI-compatible chat model on that endpoint. Connects lazily, on the first call. */
    @Produces
    @Singleton
    ChatModel chatModel(ModelEndpoint endpoint) {
        return endpoint.chatModel();
    }
}
