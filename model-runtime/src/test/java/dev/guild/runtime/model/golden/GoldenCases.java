package dev.guild.runtime.model.golden;

import dev.guild.runtime.model.testing.ModelShape;
import dev.guild.runtime.model.testing.RandomModel;
import dev.guild.runtime.tensor.GgmlType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Models whose architecture or tensor layout postdates llama.cpp b4916 (the build in de.kherud:llama):
 * their greedy continuations were produced once by a newer llama.cpp outside the repository (see
 * {@code src/test/resources/golden/README.md}) and are checked by {@link NewerLlamaCppGoldenTest}.
 * {@link #main} writes the models and the prompts for that run.
 */
public final class GoldenCases {

    public static final int VOCAB = 256;
    public static final long SEED = 1234;
    public static final int TOKENS = 64;
    public static final float PENALTY = 1.3f;
    /** Prompts as token ids (BOS first) of the {@link dev.guild.runtime.model.testing.TinyVocabulary}. */
    public static final List<int[]> PROMPTS = List.of(
            new int[] {0, 125, 149, 152, 128},
            new int[] {0, 82, 87, 68, 78, 115, 219, 120, 221, 10, 75, 107, 102, 14, 120, 116, 11, 225},
            new int[] {0, 35, 73, 71, 107, 85, 250, 252, 254, 139, 2, 69, 67, 108, 146, 81, 78, 85, 16});

    /** One generated model. */
    public record Case(String name, ModelShape shape, GgmlType type) {
        public RandomModel model() {
            return RandomModel.generate(shape, VOCAB, SEED);
        }
    }

    public static List<Case> all() {
        ModelShape split = ModelShape.tiny("deepseek2").withVariant(new ModelShape.Variant(true, 32, false, 1, 1));
        ModelShape splitV3 = ModelShape.tiny("deepseek2").withVariant(new ModelShape.Variant(true, 32, true, 4, 2));
        return List.of(
                new Case("qwen3-f32", ModelShape.tiny("qwen3"), GgmlType.F32),
                new Case("qwen3-tied-f32", ModelShape.tiny("qwen3").withTiedOutput(true), GgmlType.F32),
                new Case("qwen3moe-f32", ModelShape.tiny("qwen3moe"), GgmlType.F32),
                new Case("qwen3moe-q8_0", ModelShape.tiny("qwen3moe"), GgmlType.Q8_0),
                new Case("deepseek2-mla-split-f32", split, GgmlType.F32),
                new Case("deepseek2-mla-split-sigmoid-groups-f32", splitV3, GgmlType.F32));
    }

    /** Writes every case's GGUF file and {@code cases.json} (names, prompts, settings) into {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        for (Case c : all()) {
            c.model().writeGguf(dir.resolve(c.name() + ".gguf"), c.type());
        }
        String prompts = PROMPTS.stream().map(p -> java.util.Arrays.toString(p)).collect(Collectors.joining(", "));
        String names = all().stream().map(c -> "\"" + c.name() + "\"").collect(Collectors.joining(", "));
        Files.writeString(dir.resolve("cases.json"), """
                {"cases": [%s], "prompts": [%s], "tokens": %d, "penalty": %s, "suppress": [0, 1]}
                """.formatted(names, prompts, TOKENS, PENALTY));
    }
}
