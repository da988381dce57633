package dev.guild.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guild.runtime.generate.GenerationRequest;
import dev.guild.runtime.generate.Generator;
import dev.guild.runtime.model.Model;
import dev.guild.runtime.model.ModelLoader;
import dev.guild.runtime.model.testing.ModelShape;
import dev.guild.runtime.model.testing.RandomModel;
import dev.guild.runtime.tensor.GgmlType;
import dev.guild.runtime.tokenizer.Tokenizer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {

    @TempDir
    static Path dir;
    static Path model;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void writeModel() throws Exception {
        model = dir.resolve("granitemoe.gguf");
        RandomModel.generate(ModelShape.tiny("granitemoe"), 200, 9).writeGguf(model, GgmlType.Q8_0);
    }

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void greedy_generate_streams_the_text_of_the_greedy_tokens_and_reports_speed() throws Exception {
        int code = run("generate", "--model", model.toString(), "--prompt", "The quick brown fox",
                "--max-tokens", "12", "--temperature", "0", "--threads", "1");
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();

        String expected;
        try (Model m = ModelLoader.open(model)) {
            Tokenizer tok = m.tokenizer().orElseThrow();
            int[] prompt = tok.encode("The quick brown fox", true, true);
            List<Integer> ids = new ArrayList<>();
            Generator.generate(m, GenerationRequest.greedy(prompt, 12, tok.eogIds()), ids::add);
            expected = tok.decode(ids.stream().mapToInt(Integer::intValue).toArray(), false);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected + System.lineSeparator());
        assertThat(err.toString(StandardCharsets.UTF_8))
                .containsPattern("prompt: \\d+ tokens, [0-9.]+ tokens/s; generated: \\d+ tokens, [0-9.]+ tokens/s");
    }

    @Test
    void a_prompt_longer_than_the_context_fails_with_the_counts_and_the_option_to_change() {
        int code = run("generate", "--model", model.toString(), "--prompt", "The quick brown fox jumps over",
                "--context", "3");
        assertThat(code).isEqualTo(Command.EXIT_FAILURE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("context limit is 3 tokens").contains("--context");
    }

    @Test
    void bad_arguments_are_usage_errors_that_name_the_value() {
        assertThat(run("generate", "--prompt", "hi")).isEqualTo(Command.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing --model");
        err.reset();
        assertThat(run("generate", "--model", model.toString(), "--prompt", "hi", "--temperature", "hot"))
                .isEqualTo(Command.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--temperature must be a number, got 'hot'");
        err.reset();
        assertThat(run("generate", "--model", model.toString(), "--prompt", "hi", "--top-p", "1.5"))
                .isEqualTo(Command.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("topP must be in (0, 1], got 1.5");
        err.reset();
        assertThat(run("generate", "--model", model.toString(), "--prompt", "hi", "--max-tokens", "-4"))
                .isEqualTo(Command.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--max-tokens must be a positive integer, got '-4'");
    }

    @Test
    void a_missing_model_file_is_named() {
        assertThat(run("generate", "--model", dir.resolve("nope.gguf").toString(), "--prompt", "hi"))
                .isEqualTo(Command.EXIT_FAILURE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such file").contains("nope.gguf");
    }
}
