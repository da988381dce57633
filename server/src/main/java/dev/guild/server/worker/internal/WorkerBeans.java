package dev.guild.server.worker.internal;

import dev.guild.server.worker.ModelConfig;

import dev.guild.workflows.ports.TranscriptStore;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import javax.sql.DataSource;

/**
 * Production implementations of the workflow ports and the chat model. Tests replace the {@link ChatModel} with a
 * scripted CDI alternative that lives in the test sources only.
 */
@Singleton
public class WorkerBeans {

    @Produces
    @Singleton
    TranscriptStore transcripts(DataSource dataSource) {
        return new PostgresTranscriptStore(dataSource);
    }

    /** The OpenAI-compatible chat model configured by {@code guild.model.*}. Connects lazily, on the first call. */
    @Produces
    @Singleton
    ChatModel chatModel(ModelConfig model) {
        OpenAiChatModel.OpenAiChatModelBuilder builder = OpenAiChatModel.builder()
                .baseUrl(model.baseUrl())
                .apiKey(model.apiKey())
                .modelName(model.name())
                .timeout(model.timeout())
                .maxRetries(model.maxRetries())
                .logRequests(model.logMessages())
                .logResponses(model.logMessages());
        model.temperature().ifPresent(builder::temperature);
        return builder.build();
    }
}
