package dev.guild.bench.engine;

import dev.guild.runtime.gguf.GgufFile;
import dev.guild.runtime.gguf.GgufTensor;
import dev.guild.runtime.model.testing.ModelShape;
import dev.guild.runtime.model.testing.RandomModel;
import dev.guild.runtime.model.testing.TinyVocabulary;
import dev.guild.runtime.tensor.GgmlType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The benchmark model: a seeded random granitemoe with the dimensions of granite-3.1-1b-a400m (hidden 1024,
 * 24 layers, 16 query and 8 key/value heads of 64, 32 experts of width 512 with 8 used per token, a 49,155-token
 * vocabulary, tied output, context 4096), written once per weight type and cached.
 */
public final class BenchModel {

    public static final ModelShape SHAPE = new ModelShape("granitemoe", 1024, 24, 16, 8, 512, 32, 8, 512, 4096, true,
            ModelShape.Variant.DEFAULT);
    public static final int VOCAB = 49_155;
    public static final long SEED = 31;
    /** Bump when the generated model changes, so that cached files are regenerated. */
    private static final int VERSION = 2;

    private BenchModel() {
    }

    /** The cached file of {@code type} in {@code dir}. */
    public static Path file(Path dir, GgmlType type) {
        return dir.resolve("granitemoe-1b-a400m-random-v%d-%s.gguf".formatted(VERSION, type.name()));
    }

    /** Generates the model once and writes every missing file of {@code types}; needs ~7 GB of heap. */
    public static void generateMissing(Path dir, List<GgmlType> types) throws IOException {
        List<GgmlType> missing = types.stream().filter(t -> !Files.isRegularFile(file(dir, t))).toList();
        if (missing.isEmpty()) {
            return;
        }
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        RandomModel model = RandomModel.generate(SHAPE, TinyVocabulary.padded(VOCAB), SEED);
        System.out.printf("generated %d tensors in %.1f s%n", model.tensors().size(), (System.nanoTime() - t0) / 1e9);
        for (GgmlType type : missing) {
            t0 = System.nanoTime();
            long size = model.writeGguf(file(dir, type), type);
            System.out.printf("wrote %s (%.1f MB) in %.1f s%n", file(dir, type), size / 1e6,
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    /**
     * Sizes that decide the memory target and the bandwidth roofline.
     *
     * @param fileBytes        size of the GGUF file
     * @param activeBytes      weight bytes one decode step reads: everything but the experts, plus
     *                         {@code used/count} of the experts; the embedding table counts in full when it
     *                         doubles as the output head, else one row
     * @param guildKvBytes     Guild's KV cache for {@code context} tokens (f32 keys and values)
     * @param llamaCppKvBytes  llama.cpp's default KV cache for {@code context} tokens (f16)
     */
    public record Sizes(long fileBytes, long activeBytes, long guildKvBytes, long llamaCppKvBytes) {
    }

    public static Sizes sizes(Path file, int context) throws IOException {
        try (GgufFile gguf = GgufFile.open(file)) {
            var md = gguf.metadata();
            String arch = md.requireString("general.architecture");
            int experts = md.requireInt(arch + ".expert_count");
            int used = md.requireInt(arch + ".expert_used_count");
            int layers = md.requireInt(arch + ".block_count");
            int embd = md.requireInt(arch + ".embedding_length");
            int heads = md.requireInt(arch + ".attention.head_count");
            int kvHeads = md.requireInt(arch + ".attention.head_count_kv");
            boolean tied = gguf.tensor("output.weight").isEmpty();
            long active = 0;
            for (GgufTensor t : gguf.tensors()) {
                if (t.name().contains("_exps.")) {
                    active += t.byteSize() / experts * used;
                } else if (t.name().equals("token_embd.weight") && !tied) {
                    active += t.byteSize() / t.rowCount();
                } else {
                    active += t.byteSize();
                }
            }
            long kvFloats = 2L * layers * kvHeads * (embd / heads) * context;
            return new Sizes(gguf.fileSize(), active, kvFloats * 4, kvFloats * 2);
        }
    }
}
