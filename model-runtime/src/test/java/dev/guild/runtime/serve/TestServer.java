package dev.guild.runtime.serve;

import dev.guild.runtime.chat.ChatTemplate;
import dev.guild.runtime.chat.ChatTemplates;
import dev.guild.runtime.chat.ModelFamily;
import dev.guild.runtime.chat.ToolCallFormat;
import dev.guild.runtime.model.Model;
import dev.guild.runtime.model.ModelLoader;
import dev.guild.runtime.model.testing.ModelShape;
import dev.guild.runtime.model.testing.RandomModel;
import dev.guild.runtime.tokenizer.Tokenizer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/** A tiny seeded random qwen3moe model served over HTTP on a free port, for the API tests. */
final class TestServer implements AutoCloseable {

    static final String MODEL = "guild-random-qwen3moe";

    final Model model;
    final Scheduler scheduler;
    final OpenAiServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    TestServer(SchedulerConfig schedulerConfig, ServerConfig serverConfig) {
        this(schedulerConfig, serverConfig, Optional.empty());
    }

    /** Served with {@code format} for tool calls instead of the family's own (qwen: Hermes). */
    TestServer(SchedulerConfig schedulerConfig, ServerConfig serverConfig, Optional<ToolCallFormat> format) {
        ModelShape t = ModelShape.tiny("qwen3moe");
        ModelShape shape = new ModelShape(t.architecture(), t.embedding(), t.layers(), t.heads(), t.kvHeads(),
                t.feedForward(), t.experts(), t.expertsUsed(), t.expertFeedForward(), 4096, t.tiedOutput(), t.variant());
        model = ModelLoader.load(RandomModel.generate(shape, 160, 11).inMemory());
        Tokenizer tok = model.tokenizer().orElseThrow();
        ModelFamily family = ModelFamily.detect("qwen3moe", tok.model(), Optional.empty()).orElseThrow();
        ChatTemplate template = ChatTemplates.forModel(Optional.empty(), "qwen3moe", tok.model(),
                tok.tokenText(tok.bosId()), tok.tokenText(tok.eosId()));
        scheduler = new Scheduler(model, schedulerConfig);
        server = OpenAiServer.start(new ServedModel(MODEL, model, template, format.orElse(family.toolCallFormat()),
                scheduler),
                serverConfig.withPort(0));
    }

    TestServer() {
        this(SchedulerConfig.DEFAULTS, ServerConfig.DEFAULTS.withMaxBodyBytes(64 * 1024));
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The value of a Prometheus sample line {@code name value}. */
    double metric(String name) throws IOException, InterruptedException {
        for (String line : get("/metrics").body().split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1));
            }
        }
        throw new AssertionError("metric " + name + " not found");
    }

    @Override
    public void close() {
        server.close();
        scheduler.close();
        model.close();
    }
}
