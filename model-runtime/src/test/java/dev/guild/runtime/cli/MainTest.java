package dev.guild.runtime.cli;

import dev.guild.runtime.gguf.GgufWriter;
import dev.guild.runtime.gguf.TinyLlamaGguf;
import dev.guild.runtime.tensor.GgmlType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void info_prints_architecture_metadata_tensors_totals_and_memory() throws IOException {
        Path file = dir.resolve("tiny.gguf");
        TinyLlamaGguf.write(file, 1);
        int vocab = TinyLlamaGguf.vocabulary().size();

        assertThat(run("info", file.toString())).as(err()).isZero();
        String text = out();
        assertThat(text).contains("Architecture:  llama", "Name:          guild-tiny-llama", "GGUF v3, alignment 32");
        assertThat(text).containsPattern("tokenizer\\.ggml\\.tokens +STRING\\[" + vocab + "\\] +\\[\"<unk>\", \"<s>\", \"</s>\",");
        assertThat(text).containsPattern("llama\\.block_count +UINT32 +2");
        assertThat(text).containsPattern("token_embd\\.weight +F32 +64 x " + vocab + " +" + 64 * vocab * 4);
        assertThat(text).contains("Tensors (21):");
        assertThat(text).containsPattern("F32 +21 tensors");
        // 2 layers x 2 KV heads x (16 + 16) dims x 2 bytes = 256 bytes per token, 256 tokens (the model's context).
        assertThat(text).contains("KV cache (f16, 256 tokens of 256 trained; 2 layers, 2 KV heads, K 16 + V 16 dims):  64.00 KiB (65536 bytes)");

        out.reset();
        assertThat(run("info", "--ctx", "1000", file.toString())).isZero();
        assertThat(out()).contains("KV cache (f16, 1000 tokens of 256 trained", "250.00 KiB (256000 bytes)");
    }

    @Test
    void info_marks_types_guild_cannot_compute_with() throws IOException {
        Path file = dir.resolve("q41.gguf");
        GgufWriter w = GgufWriter.create();
        w.metadata().putString("general.architecture", "llama");
        w.addTensor("w", GgmlType.Q4_1, new long[] {32}, new byte[20]);
        w.write(file);
        assertThat(run("info", file.toString())).isZero();
        assertThat(out()).containsPattern("w +Q4_1\\* +32 +20")
                .contains("Guild cannot compute with [Q4_1]; supported types: " + GgmlType.supportedNames())
                .contains("KV cache: not estimated (" + file + ": metadata key 'llama.block_count' is missing; the KV-cache estimate needs it.");
    }

    @Test
    void usage_errors_say_what_is_wrong_and_print_usage() {
        assertThat(run()).isEqualTo(Command.EXIT_USAGE);
        assertThat(err()).contains("missing command", "usage: guild-runtime <command>", "info ");
        err.reset();
        assertThat(run("infer")).isEqualTo(Command.EXIT_USAGE);
        assertThat(err()).contains("unknown command 'infer'; available: generate, info");
        err.reset();
        assertThat(run("info")).isEqualTo(Command.EXIT_USAGE);
        assertThat(err()).contains("info: missing the GGUF file to describe", "usage: guild-runtime info [--ctx N] <file.gguf>");
        err.reset();
        assertThat(run("info", "--ctx", "lots", "x.gguf")).isEqualTo(Command.EXIT_USAGE);
        assertThat(err()).contains("--ctx must be a positive integer, got 'lots'");
        err.reset();
        assertThat(run("info", "--verbose", "x.gguf")).isEqualTo(Command.EXIT_USAGE);
        assertThat(err()).contains("unknown option '--verbose'");
        err.reset();
        assertThat(run("info", "a.gguf", "b.gguf")).isEqualTo(Command.EXIT_USAGE);
        assertThat(err()).contains("expected one file, got 'a.gguf' and 'b.gguf'");
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("info       show a GGUF file's architecture");
        out.reset();
        assertThat(run("info", "--help")).isZero();
        assertThat(out()).contains("--ctx N  context length");
    }

    @Test
    void missing_and_corrupt_files_fail_with_the_reason() throws IOException {
        Path absent = dir.resolve("absent.gguf");
        assertThat(run("info", absent.toString())).isEqualTo(Command.EXIT_FAILURE);
        assertThat(err()).contains("info: no such file: " + absent);
        err.reset();
        Path file = dir.resolve("bad.gguf");
        GgufWriter.create().write(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap("GGML".getBytes(StandardCharsets.US_ASCII)), 0);
        }
        assertThat(run("info", file.toString())).isEqualTo(Command.EXIT_FAILURE);
        assertThat(err()).contains("info: " + file + ": not a GGUF file: the first 4 bytes are 47 47 4d 4c ('GGML')");
    }
}
