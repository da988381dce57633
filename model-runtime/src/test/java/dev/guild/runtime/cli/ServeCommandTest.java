package dev.guild.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guild.runtime.model.testing.ModelShape;
import dev.guild.runtime.model.testing.RandomModel;
import dev.guild.runtime.tensor.GgmlType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {

    @TempDir
    Path dir;

    private int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void serves_a_gguf_file_over_http() throws Exception {
        Path model = dir.resolve("tiny.gguf");
        RandomModel.generate(ModelShape.tiny("qwen3moe"), 160, 3).writeGguf(model, GgmlType.Q8_0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ServeCommand.Settings settings = ServeCommand.Settings.parse(Map.of("--model", model.toString(),
                "--port", "0", "--max-seqs", "2", "--ctx", "200", "--threads", "1", "--models-dir", dir.toString(),
                "--kv-memory-mib", "4", "--kv-block", "8", "--prefix-cache", "off"));
        try (ServeCommand.Running running = ServeCommand.start(settings, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            int port = running.server().port();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("serving guild-random-qwen3moe", ":" + port + "/v1",
                    "context 200", "2 sequences", "= 4 MiB in blocks of 8, prefix caching off");
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> models = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/v1/models")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(models.body()).contains("\"id\":\"guild-random-qwen3moe\"");
            HttpResponse<String> chat = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/v1/chat/completions")).POST(HttpRequest.BodyPublishers.ofString("{\"model\":"
                    + "\"guild-random-qwen3moe\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":4}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
            assertThat(chat.body()).contains("\"object\":\"chat.completion\"");
        }
    }

    @Test
    void bad_options_print_usage_and_a_missing_file_fails() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(run(out, err, "serve", "--model", "m.gguf", "--port", "99999")).isEqualTo(Command.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--port must be an integer in [0, 65535], got '99999'");
        err.reset();
        assertThat(run(out, err, "serve", "--bogus", "1")).isEqualTo(Command.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option '--bogus'");
        err.reset();
        assertThat(run(out, err, "serve")).isEqualTo(Command.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing --model");
        err.reset();
        assertThat(run(out, err, "serve", "--model", "m.gguf", "--prefix-cache", "yes")).isEqualTo(Command.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--prefix-cache must be 'on' or 'off', got 'yes'");
        err.reset();
        assertThat(run(out, err, "serve", "--model", "m.gguf", "--kv-budget", "1000", "--kv-memory-mib", "64"))
                .isEqualTo(Command.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("either --kv-budget (positions) or --kv-memory-mib");
        err.reset();
        assertThat(run(out, err, "serve", "--model", "m.gguf", "--kv-block", "0")).isEqualTo(Command.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--kv-block must be an integer in [1, 4096], got '0'");
        err.reset();
        Path missing = dir.resolve("absent.gguf");
        assertThat(run(out, err, "serve", "--model", missing.toString(), "--models-dir", dir.toString()))
                .isEqualTo(Command.EXIT_FAILURE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("absent.gguf");
    }
}
