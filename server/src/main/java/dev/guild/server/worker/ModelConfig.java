package dev.guild.server.worker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * The chat model behind agents ({@code guild.model.*}): any server speaking the OpenAI chat-completions API
 * (Guild's model runtime, vLLM, SGLang, llama.cpp's server, OpenAI itself).
 */
@ConfigMapping(prefix = "guild.model")
public interface ModelConfig {

    /** Base URL of the OpenAI-compatible API, up to and including {@code /v1}. */
    @WithDefault("http://localhost:8000/v1")
    String baseUrl();

    /** API key sent as a bearer token; local servers usually ignore it. */
    @WithDefault("none")
    String apiKey();

    /** Model name sent with every request. */
    @WithDefault("default")
    String name();

    /** Time allowed for one chat completion (connect + answer). */
    @WithDefault("120s")
    Duration timeout();

    /** Retries of the HTTP client itself; the model activity is also retried by Temporal. */
    @WithDefault("0")
    int maxRetries();

    /** Sampling temperature; the server's default when unset. */
    Optional<Double> temperature();

    /** Log request and response bodies (they contain the conversation). */
    @WithDefault("false")
    boolean logMessages();
}
