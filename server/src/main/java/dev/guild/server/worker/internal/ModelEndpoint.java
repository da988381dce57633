package dev.guild.server.worker.internal;

import dev.guild.runtime.download.DownloadSettings;
import dev.guild.runtime.download.ModelResolver;
import dev.guild.runtime.serve.LocalModelServer;
import dev.guild.runtime.serve.SchedulerConfig;
import dev.guild.runtime.serve.ServerConfig;
import dev.guild.server.worker.ModelConfig;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where agents' model calls go, resolved once at start from {@link ModelConfig}: a remote OpenAI-compatible
 * endpoint, Guild's own runtime serving a GGUF model on a loopback port of this process, or nothing configured.
 * Agents reach either endpoint the same way, through LangChain4j's {@link OpenAiChatModel}. Close it to stop the
 * in-process server.
 */
public final class ModelEndpoint implements AutoCloseable {
    /** The answer to a model call when no model is configured (and the start-up warning). */
    static final String UNCONFIGURED = "no model is configured for agents: set guild.model.path to a GGUF file or"
            + " catalog name (Guild's runtime serves it in this process) or guild.model.base-url to an"
            + " OpenAI-compatible endpoint (e.g. http://localhost:8000/v1); tool-only workflows need neither";

    private final ModelConfig config;
    private final String baseUrl;
    private final String modelName;
    private final LocalModelServer local;

    private ModelEndpoint(ModelConfig config, String baseUrl, String modelName, LocalModelServer local) {
        this.config = config;
        this.baseUrl = baseUrl;
        this.modelName = modelName;
        this.local = local;
    }

    /**
     * Resolves the endpoint; with {@code guild.model.path} this downloads the model if needed, loads it and starts
     * serving it on 127.0.0.1.
     *
     * @param defaultModelsDir the download cache when {@code guild.model.models-dir} is unset
     * @throws IllegalStateException naming the settings when both are set or the model cannot be served
     */
    public static ModelEndpoint open(ModelConfig config, Path defaultModelsDir) {
        if (config.baseUrl().isPresent() && config.path().isPresent()) {
            throw new IllegalStateException("guild.model.base-url (" + config.baseUrl().get() + ") and guild.model.path ("
                    + config.path().get() + ") are both set; set base-url for a remote endpoint or path for the"
                    + " in-process runtime, not both");
        }
        if (config.baseUrl().isPresent()) {
            return new ModelEndpoint(config, config.baseUrl().get(), config.name().orElse("default"), null);
        }
        if (config.path().isEmpty()) {
            return new ModelEndpoint(config, null, null, null);
        }
        if (config.port() < 0 || config.port() > 65535 || config.maxSequences() < 1
                || config.threads().orElse(1) < 1 || config.contextLength().orElse(1) < 1) {
            throw new IllegalStateException("guild.model.port (" + config.port() + ", 0..65535), max-sequences ("
                    + config.maxSequences() + ", >= 1), threads (" + config.threads() + ", >= 1) and context-length ("
                    + config.contextLength() + ", >= 1) must be in range; remove a setting for its default");
        }
        Path modelsDir = config.modelsDir().orElse(defaultModelsDir);
        SchedulerConfig scheduling = SchedulerConfig.DEFAULTS.withMaxSequences(config.maxSequences())
                .withContextLength(config.contextLength().orElse(0));
        try {
            Path file = new ModelResolver(DownloadSettings.defaults(modelsDir)).resolve(config.path().get());
            LocalModelServer local = LocalModelServer.start(file, config.name(),
                    config.threads().orElse(Runtime.getRuntime().availableProcessors()), scheduling,
                    ServerConfig.DEFAULTS.withHost("127.0.0.1").withPort(config.port()));
            return new ModelEndpoint(config, "http://127.0.0.1:" + local.port() + "/v1", local.name(), local);
        } catch (IOException e) {
            throw new UncheckedIOException("guild.model.path=" + config.path().get() + ": cannot read the model: "
                    + e.getMessage() + "; point it at a readable GGUF file or a catalog name", e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("guild.model.path=" + config.path().get() + ": cannot serve the model: "
                    + e.getMessage(), e);
        }
    }

    /** The endpoint agents call, up to and including {@code /v1}; empty when no model is configured. */
    public Optional<String> baseUrl() {
        return Optional.ofNullable(baseUrl);
    }

    /** The in-process server, when this process serves the model. */
    public Optional<LocalModelServer> local() {
        return Optional.ofNullable(local);
    }

    /** One line for the start-up log. */
    public String describe() {
        if (baseUrl == null) {
            return "none (" + UNCONFIGURED + ")";
        }
        return local == null ? "remote " + baseUrl + " (model '" + modelName + "')"
                : "in-process runtime serving '" + modelName + "' from " + local.file() + " on " + baseUrl;
    }

    /**
     * The chat model agents use: LangChain4j's OpenAI client on this endpoint (connecting lazily, on the first call),
     * or, with no model configured, one whose every call fails at once (not retried) with {@link #UNCONFIGURED}.
     */
    public ChatModel chatModel() {
        if (baseUrl == null) {
            return new ChatModel() {
                @Override
                public ChatResponse doChat(ChatRequest request) {
                    throw new NonRetriableException(UNCONFIGURED);
                }
            };
        }
        OpenAiChatModel.OpenAiChatModelBuilder builder = OpenAiChatModel.builder()
                .baseUrl(baseUrl)
                .apiKey(config.apiKey())
                .modelName(modelName)
                .timeout(config.timeout())
                .maxRetries(config.maxRetries())
                .logRequests(config.logMessages())
                .logResponses(config.logMessages());
        config.temperature().ifPresent(builder::temperature);
        return builder.build();
    }

    @Override
    public void close() {
        if (local != null) {
            local.close();
        }
    }
}
