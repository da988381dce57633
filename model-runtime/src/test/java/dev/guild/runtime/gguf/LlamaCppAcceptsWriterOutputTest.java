package dev.guild.runtime.gguf;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.LogFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** llama.cpp (b4916, bundled in de.kherud:llama) loads a model written by {@link GgufWriter} and generates from it. */
class LlamaCppAcceptsWriterOutputTest {
    @TempDir
    Path dir;

    @Test
    void llama_cpp_loads_a_tiny_llama_written_by_the_writer_and_generates_tokens() throws IOException {
        Path file = dir.resolve("tiny-llama.gguf");
        TinyLlamaGguf.write(file, 7);
        StringBuilder log = new StringBuilder();
        LlamaModel.setLogger(LogFormat.TEXT, (level, message) -> log.append(level).append(' ').append(message));
        List<String> vocab = TinyLlamaGguf.vocabulary();

        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        try (LlamaModel model = new LlamaModel(new ModelParameters().setModel(file.toString()).setCtxSize(128)
                .setThreads(1).setThreadsBatch(1).setGpuLayers(0))) {
            int[] ids = model.encode("hello world");
            assertThat(ids).as("token ids of 'hello world'; llama.cpp log:%n%s", log).isNotEmpty();
            assertThat(java.util.Arrays.stream(ids).boxed().toList()).allSatisfy(id -> assertThat(id).isBetween(0, vocab.size() - 1));
            assertThat(model.decode(ids)).contains("hello world");
            // SentencePiece merges by score over the vocabulary we wrote: proves tokens and scores were read as written.
            assertThat(ids).containsExactly(Stream.of("▁he", "l", "lo", "▁wo", "r", "ld").mapToInt(vocab::indexOf).toArray());

            for (List<String> run : List.of(first, second)) {
                InferenceParameters params = new InferenceParameters("hello world").setNPredict(8).setTemperature(0f)
                        .setSeed(1).setIgnoreEos(true);
                for (LlamaOutput out : model.generate(params)) {
                    run.add(out.text);
                }
            }
        }
        assertThat(first).as("generated pieces; llama.cpp log:%n%s", log).isNotEmpty();
        assertThat(String.join("", first)).isNotEmpty();
        assertThat(second).as("greedy generation is deterministic").isEqualTo(first);
    }

    @Test
    void llama_cpp_honours_a_non_default_alignment_written_by_the_writer() throws IOException {
        Path file = dir.resolve("tiny-llama-align64.gguf");
        TinyLlamaGguf.write(file, 7, 64);
        try (GgufFile gguf = GgufFile.open(file)) {
            assertThat(gguf.alignment()).isEqualTo(64);
            assertThat(gguf.tensors()).allSatisfy(t -> assertThat(t.fileOffset() % 64).isZero());
        }
        StringBuilder log = new StringBuilder();
        LlamaModel.setLogger(LogFormat.TEXT, (level, message) -> log.append(level).append(' ').append(message));
        List<String> pieces = new ArrayList<>();
        try (LlamaModel model = new LlamaModel(new ModelParameters().setModel(file.toString()).setCtxSize(64)
                .setThreads(1).setThreadsBatch(1).setGpuLayers(0))) {
            for (LlamaOutput out : model.generate(new InferenceParameters("the guild").setNPredict(4).setTemperature(0f).setIgnoreEos(true))) {
                pieces.add(out.text);
            }
        }
        assertThat(pieces).as("generated pieces; llama.cpp log:%n%s", log).isNotEmpty();
    }
}
