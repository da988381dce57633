package dev.guild.runtime.gguf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a tiny dense {@code llama} model with seeded random F32 weights and a small SentencePiece
 * ({@code tokenizer.ggml.model = llama}) vocabulary: the keys and tensors llama.cpp needs, nothing else.
 */
public final class TinyLlamaGguf {
    static final int EMBD = 64;
    static final int HEADS = 4;
    static final int KV_HEADS = 2;
    static final int LAYERS = 2;
    static final int FF = 128;
    static final int CONTEXT = 256;
    static final List<String> WORDS = List.of("▁hello", "▁world", "▁the", "▁guild", "hel", "lo", "wor", "ld", "▁he", "▁wo");

    private TinyLlamaGguf() {
    }

    /** The vocabulary: &lt;unk&gt;, &lt;s&gt;, &lt;/s&gt;, the 256 byte tokens, "▁", letters with and without "▁", {@link #WORDS}. */
    public static List<String> vocabulary() {
        List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        for (int b = 0; b < 256; b++) {
            tokens.add("<0x%02X>".formatted(b));
        }
        tokens.add("▁");
        for (char c = 'a'; c <= 'z'; c++) {
            tokens.add(String.valueOf(c));
            tokens.add("▁" + c);
        }
        tokens.addAll(WORDS);
        return tokens;
    }

    public static void write(Path file, long seed) throws IOException {
        write(file, seed, 32);
    }

    /** The same model with {@code general.alignment = alignment}. */
    public static void write(Path file, long seed, int alignment) throws IOException {
        Random random = new Random(seed);
        List<String> tokens = vocabulary();
        int vocab = tokens.size();
        float[] scores = new float[vocab];
        int[] types = new int[vocab];
        for (int i = 0; i < vocab; i++) {
            boolean special = i < 3;
            boolean isByte = i >= 3 && i < 259;
            types[i] = i == 0 ? 2 : special ? 3 : isByte ? 6 : 1;
            scores[i] = special || isByte ? 0f : -(i - 259);
        }
        int headDim = EMBD / HEADS;
        GgufWriter w = GgufWriter.create();
        if (alignment != 32) {
            w.alignment(alignment);
        }
        w.metadata()
                .putString("general.architecture", "llama")
                .putString("general.name", "guild-tiny-llama")
                .putU32("llama.context_length", CONTEXT)
                .putU32("llama.embedding_length", EMBD)
                .putU32("llama.block_count", LAYERS)
                .putU32("llama.feed_forward_length", FF)
                .putU32("llama.attention.head_count", HEADS)
                .putU32("llama.attention.head_count_kv", KV_HEADS)
                .putU32("llama.rope.dimension_count", headDim)
                .putF32("llama.rope.freq_base", 10000f)
                .putF32("llama.attention.layer_norm_rms_epsilon", 1e-5f)
                .putU32("general.file_type", 0)
                .putString("tokenizer.ggml.model", "llama")
                .putStringArray("tokenizer.ggml.tokens", tokens)
                .putF32Array("tokenizer.ggml.scores", scores)
                .putI32Array("tokenizer.ggml.token_type", types)
                .putU32("tokenizer.ggml.bos_token_id", 1)
                .putU32("tokenizer.ggml.eos_token_id", 2)
                .putU32("tokenizer.ggml.unknown_token_id", 0)
                .putBool("tokenizer.ggml.add_bos_token", true)
                .putBool("tokenizer.ggml.add_eos_token", false);
        w.addF32Tensor("token_embd.weight", new long[] {EMBD, vocab}, random(random, EMBD * vocab, 1f));
        for (int l = 0; l < LAYERS; l++) {
            String p = "blk." + l + ".";
            w.addF32Tensor(p + "attn_norm.weight", new long[] {EMBD}, ones(EMBD));
            w.addF32Tensor(p + "attn_q.weight", new long[] {EMBD, EMBD}, random(random, EMBD * EMBD, 0.2f));
            w.addF32Tensor(p + "attn_k.weight", new long[] {EMBD, KV_HEADS * headDim}, random(random, EMBD * KV_HEADS * headDim, 0.2f));
            w.addF32Tensor(p + "attn_v.weight", new long[] {EMBD, KV_HEADS * headDim}, random(random, EMBD * KV_HEADS * headDim, 0.2f));
            w.addF32Tensor(p + "attn_output.weight", new long[] {EMBD, EMBD}, random(random, EMBD * EMBD, 0.2f));
            w.addF32Tensor(p + "ffn_norm.weight", new long[] {EMBD}, ones(EMBD));
            w.addF32Tensor(p + "ffn_gate.weight", new long[] {EMBD, FF}, random(random, EMBD * FF, 0.2f));
            w.addF32Tensor(p + "ffn_up.weight", new long[] {EMBD, FF}, random(random, EMBD * FF, 0.2f));
            w.addF32Tensor(p + "ffn_down.weight", new long[] {FF, EMBD}, random(random, FF * EMBD, 0.2f));
        }
        w.addF32Tensor("output_norm.weight", new long[] {EMBD}, ones(EMBD));
        w.addF32Tensor("output.weight", new long[] {EMBD, vocab}, random(random, EMBD * vocab, 1f));
        w.write(file);
    }

    private static float[] random(Random random, int n, float scale) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) random.nextGaussian() * scale;
        }
        return out;
    }

    private static float[] ones(int n) {
        float[] out = new float[n];
        java.util.Arrays.fill(out, 1f);
        return out;
    }
}
