package dev.guild.runtime.tokenizer;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.LogFormat;
import dev.guild.runtime.gguf.GgufFile;
import dev.guild.runtime.gguf.GgufMetadata;
import dev.guild.runtime.gguf.GgufWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * llama.cpp (b4916, through de.kherud:llama) as the reference: writes a tiny F32 {@code llama}
 * model carrying the given tokenizer metadata with {@link GgufWriter}, loads it in llama.cpp and
 * encodes texts there ({@code add_special=false, parse_special=true}); reads the same file back
 * with {@link GgufFile} and builds Guild's tokenizer from what the reader returns.
 */
final class LlamaCppReference {
    private static final int N_EMBD = 16;
    private static final int N_FF = 32;

    static {
        // A private directory for the extracted native library: the shared temp dir is not ours to rely on.
        Path nativeDir = Path.of("target", "llama-native").toAbsolutePath();
        try {
            Files.createDirectories(nativeDir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + nativeDir + " for llama.cpp's native library", e);
        }
        System.setProperty("de.kherud.llama.tmpdir", nativeDir.toString());
        LlamaModel.setLogger(LogFormat.TEXT, (level, message) -> { });
    }

    private LlamaCppReference() {
    }

    /** llama.cpp's ids and decoded text per input, and Guild's tokenizer built from the same file. */
    record Result(List<int[]> ids, List<String> decoded, Tokenizer guild) {
    }

    static Result encode(Map<String, Object> tokenizer, List<String> texts, Path dir) throws IOException {
        Path file = Files.createTempFile(dir, "vocab", ".gguf");
        try {
            writeLlamaModel(file, tokenizer);
            Tokenizer guild;
            try (GgufFile gguf = GgufFile.open(file)) {
                guild = Tokenizer.fromGgufMetadata(gguf.metadata().asMap());
            }
            List<int[]> ids = new ArrayList<>();
            List<String> decoded = new ArrayList<>();
            ModelParameters params = new ModelParameters().setModel(file.toString()).setCtxSize(256).setThreads(1)
                    .setBatchSize(256).setUbatchSize(256).skipWarmup().disableLog();
            try (LlamaModel model = new LlamaModel(params)) {
                for (String text : texts) {
                    int[] encoded = model.encode(text);
                    ids.add(encoded);
                    decoded.add(model.decode(encoded));
                }
            }
            return new Result(ids, decoded, guild);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * Greedy generation (at most 3 tokens) in llama.cpp from a model whose output always prefers
     * {@code favoredToken}; the text is empty when llama.cpp stops at once because the token ends
     * generation (or renders as nothing).
     */
    static String generateFavoring(Map<String, Object> tokenizer, int favoredToken, Path dir) throws IOException {
        Path file = Files.createTempFile(dir, "eog", ".gguf");
        try {
            writeLlamaModel(file, tokenizer, favoredToken);
            ModelParameters params = new ModelParameters().setModel(file.toString()).setCtxSize(64).setThreads(1)
                    .skipWarmup().disableLog();
            try (LlamaModel model = new LlamaModel(params)) {
                return model.complete(new InferenceParameters("a").setNPredict(3).setTemperature(0f).setSeed(1));
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** One layer of zero-ish F32 weights: all llama.cpp needs to load a {@code llama} model. */
    static void writeLlamaModel(Path path, Map<String, Object> tokenizer) throws IOException {
        writeLlamaModel(path, tokenizer, -1);
    }

    private static void writeLlamaModel(Path path, Map<String, Object> tokenizer, int favoredToken) throws IOException {
        int vocab = ((List<?>) tokenizer.get("tokenizer.ggml.tokens")).size();
        GgufWriter writer = GgufWriter.create();
        GgufMetadata.Builder md = writer.metadata()
                .putString("general.architecture", "llama")
                .putU32("llama.context_length", 256)
                .putU32("llama.embedding_length", N_EMBD)
                .putU32("llama.block_count", 1)
                .putU32("llama.feed_forward_length", N_FF)
                .putU32("llama.attention.head_count", 2)
                .putU32("llama.attention.head_count_kv", 2)
                .putU32("llama.rope.dimension_count", N_EMBD / 2)
                .putF32("llama.attention.layer_norm_rms_epsilon", 1e-5f);
        for (Map.Entry<String, Object> e : tokenizer.entrySet()) {
            switch (e.getValue()) {
                case String s -> md.putString(e.getKey(), s);
                case Integer i -> md.putU32(e.getKey(), i);
                case Long l -> md.putU32(e.getKey(), l);
                case Boolean b -> md.putBool(e.getKey(), b);
                case float[] f -> md.putF32Array(e.getKey(), f);
                case int[] a -> md.putI32Array(e.getKey(), a);
                case List<?> list -> md.putStringArray(e.getKey(), list.stream().map(String.class::cast).toList());
                default -> throw new IllegalArgumentException("no GGUF type for " + e.getKey() + " = " + e.getValue());
            }
        }
        writer.addF32Tensor("token_embd.weight", new long[] {N_EMBD, vocab}, filled(N_EMBD * vocab, 0.01f));
        writer.addF32Tensor("output_norm.weight", new long[] {N_EMBD}, filled(N_EMBD, 1f));
        float[] output = filled(N_EMBD * vocab, 0.01f);
        if (favoredToken >= 0) {
            java.util.Arrays.fill(output, favoredToken * N_EMBD, (favoredToken + 1) * N_EMBD, 1f);
        }
        writer.addF32Tensor("output.weight", new long[] {N_EMBD, vocab}, output);
        writer.addF32Tensor("blk.0.attn_norm.weight", new long[] {N_EMBD}, filled(N_EMBD, 1f));
        for (String name : List.of("attn_q", "attn_k", "attn_v", "attn_output")) {
            writer.addF32Tensor("blk.0." + name + ".weight", new long[] {N_EMBD, N_EMBD}, filled(N_EMBD * N_EMBD, 0.01f));
        }
        writer.addF32Tensor("blk.0.ffn_norm.weight", new long[] {N_EMBD}, filled(N_EMBD, 1f));
        writer.addF32Tensor("blk.0.ffn_gate.weight", new long[] {N_EMBD, N_FF}, filled(N_EMBD * N_FF, 0.01f));
        writer.addF32Tensor("blk.0.ffn_up.weight", new long[] {N_EMBD, N_FF}, filled(N_EMBD * N_FF, 0.01f));
        writer.addF32Tensor("blk.0.ffn_down.weight", new long[] {N_FF, N_EMBD}, filled(N_EMBD * N_FF, 0.01f));
        writer.write(path);
    }

    private static float[] filled(int n, float value) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, value);
        return a;
    }
}
