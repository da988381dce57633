package dev.guild.runtime.serve;

import dev.guild.runtime.chat.ChatTemplate;
import dev.guild.runtime.chat.ChatTemplates;
import dev.guild.runtime.chat.ModelFamily;
import dev.guild.runtime.chat.ToolCallFormat;
import dev.guild.runtime.gguf.GgufFile;
import dev.guild.runtime.gguf.GgufMetadata;
import dev.guild.runtime.kernel.KernelConfig;
import dev.guild.runtime.model.Model;
import dev.guild.runtime.model.ModelLoader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A GGUF model loaded and served over the OpenAI-compatible API in this process: what the {@code serve} command runs,
 * and what the platform starts co-located with its workers when it is given a model file instead of a remote
 * endpoint. Close it to stop serving and release the model.
 *
 * @param name the model id clients send ({@code model} of a chat completion)
 */
public record LocalModelServer(String name, Path file, OpenAiServer server, Scheduler scheduler, Model model)
        implements AutoCloseable {

    /**
     * Loads {@code gguf} (a local file: resolve references first with
     * {@link dev.guild.runtime.download.ModelResolver}) and starts serving it.
     *
     * @param name    the model id to serve under; default {@code general.name}, else the file name without
     *                {@code .gguf}
     * @param threads compute threads
     */
    public static LocalModelServer start(Path gguf, Optional<String> name, int threads, SchedulerConfig scheduling,
                                         ServerConfig http) throws IOException {
        return start(gguf, name, threads, scheduling, 0, http);
    }

    /**
     * As {@link #start(Path, Optional, int, SchedulerConfig, ServerConfig)}, with the KV cache sized by memory.
     *
     * @param kvMemoryMib the KV cache's memory budget in MiB, which replaces {@link SchedulerConfig#kvBudgetTokens()}
     *                    (positions = budget / the model's KV bytes per position); 0 keeps the configured positions
     */
    public static LocalModelServer start(Path gguf, Optional<String> name, int threads, SchedulerConfig scheduling,
                                         int kvMemoryMib, ServerConfig http) throws IOException {
        GgufMetadata metadata;
        try (GgufFile file = GgufFile.open(gguf)) {
            metadata = file.metadata();
        }
        ChatTemplate template = ChatTemplates.forModel(metadata);
        ToolCallFormat format = ModelFamily.detect(metadata.getString("general.architecture", ""),
                        metadata.getString("tokenizer.ggml.model", ""), metadata.getString("tokenizer.chat_template"))
                .map(ModelFamily::toolCallFormat).orElse(ToolCallFormat.HERMES);
        String served = name.orElse(metadata.getString("general.name",
                gguf.getFileName().toString().replaceFirst("\\.gguf$", "")));
        Model model = ModelLoader.open(gguf, KernelConfig.defaults().withThreads(threads));
        Scheduler scheduler = null;
        try {
            if (kvMemoryMib > 0) {
                long positions = ((long) kvMemoryMib << 20) / model.kvShape().bytesPerToken();
                scheduling = scheduling.withKvBudgetTokens((int) Math.min(Integer.MAX_VALUE, positions));
            }
            scheduler = new Scheduler(model, scheduling);
            OpenAiServer server = OpenAiServer.start(new ServedModel(served, model, template, format, scheduler), http);
            return new LocalModelServer(served, gguf, server, scheduler, model);
        } catch (RuntimeException e) {
            if (scheduler != null) {
                scheduler.close();
            }
            model.close();
            throw e;
        }
    }

    /** The port it listens on (the actual one when {@link ServerConfig#port()} was 0). */
    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
        scheduler.close();
        model.close();
    }
}
