package dev.guild.server.worker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The chat model behind agents ({@code guild.model.*}). Agents always talk the OpenAI chat-completions API through
 * LangChain4j; the endpoint is either
 * <ul>
 *   <li>remote: {@link #baseUrl()} (Guild's model runtime in another process, vLLM, SGLang, llama.cpp's server,
 *       OpenAI itself), or</li>
 *   <li>in-process: {@link #path()}, a GGUF model that Guild's own runtime loads and serves on a loopback port of
 *       this process, co-located with the workers.</li>
 * </ul>
 * Setting both is an error. With neither, the platform starts (tool-only workflows need no model) and every model
 * call fails at once with a message naming both settings.
 */
@ConfigMapping(prefix = "guild.model")
public interface ModelConfig {

    /** Base URL of a remote OpenAI-compatible API, up to and including {@code /v1}. */
    Optional<String> baseUrl();

    /**
     * The model to serve in-process when {@link #baseUrl()} is unset: a GGUF file path, a catalog name (e.g.
     * {@code granite-3.1-3b-a800m-instruct}), {@code org/repo[@revision]/file.gguf} on the Hugging Face hub, or a URL;
     * references are downloaded (verified, resumable) into {@link #modelsDir()} once.
     */
    Optional<String> path();

    /** API key sent as a bearer token; local servers usually ignore it. */
    @WithDefault("none")
    String apiKey();

    /**
     * Model name sent with every request. Remote: default {@code default}. In-process: the name the model is served
     * under, default its {@code general.name}.
     */
    Optional<String> name();

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

    /** In-process runtime: where downloaded models are cached; default {@code <guild.data-dir>/models}. */
    Optional<Path> modelsDir();

    /** In-process runtime: compute threads; default all processors. */
    OptionalInt threads();

    /** In-process runtime: sequences decoded together (continuous batching). */
    @WithDefault("8")
    int maxSequences();

    /** In-process runtime: context length per sequence; default the model's. */
    OptionalInt contextLength();

    /** In-process runtime: loopback port of its OpenAI API; 0 picks a free port. */
    @WithDefault("0")
    int port();
}
