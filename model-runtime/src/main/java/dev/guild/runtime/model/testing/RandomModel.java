package dev.guild.runtime.model.testing;

import dev.guild.runtime.gguf.GgufMetadata;
import dev.guild.runtime.gguf.GgufWriter;
import dev.guild.runtime.model.TensorData;
import dev.guild.runtime.model.WeightSource;
import dev.guild.runtime.quant.Quantization;
import dev.guild.runtime.tensor.GgmlType;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A seeded random model of any supported architecture, with llama.cpp's metadata keys and tensor
 * names, and scales chosen so that activations stay near unit size and the logits spread wide
 * (standard deviation {@link #LOGIT_STD}): the top-1 margin is then far above float rounding noise,
 * and greedy decoding is deterministic across engines.
 *
 * @param metadata GGUF metadata in key order (Integer: u32, Float: f32, Boolean, String, String[], int[])
 * @param tensors  tensors in file order
 */
public record RandomModel(Map<String, Object> metadata, List<Tensor> tensors) {

    /** Standard deviation of the logits for a unit-RMS final hidden state. */
    public static final float LOGIT_STD = 8f;

    /**
     * One tensor.
     *
     * @param dims   shape in ggml order
     * @param values row-major values
     * @param matrix true for weight matrices (which a quantized file stores quantized); false for
     *               norms, biases and the router, which stay F32 as llama-quantize leaves them
     */
    public record Tensor(String name, long[] dims, float[] values, boolean matrix) {
    }

    /** Generates a model of {@code shape} with a {@code vocabSize}-token {@link TinyVocabulary}. */
    public static RandomModel generate(ModelShape shape, int vocabSize, long seed) {
        return generate(shape, TinyVocabulary.of(vocabSize), seed);
    }

    /** Generates a model of {@code shape} with the given vocabulary (e.g. {@link TinyVocabulary#padded}). */
    public static RandomModel generate(ModelShape shape, TinyVocabulary vocabulary, long seed) {
        return new Generator(shape, vocabulary, new SplittableRandom(seed)).build();
    }

    /**
     * This model with more metadata (Integer, Float, Boolean or String values; a key given again is replaced),
     * e.g. {@code rope.scaling.*} keys, inserted after the generated keys.
     */
    public RandomModel withMetadata(Map<String, Object> extra) {
        Map<String, Object> md = new java.util.LinkedHashMap<>(metadata);
        md.putAll(extra);
        return new RandomModel(md, tensors);
    }

    /** The vocabulary size of this model. */
    public int vocabSize() {
        return ((String[]) metadata.get("tokenizer.ggml.tokens")).length;
    }

    /**
     * Writes the model as a GGUF file whose weight matrices have {@code weightType}, quantized as
     * ggml does. A matrix whose rows are not a whole number of the type's blocks falls back as
     * llama-quantize does (Q4_K to Q5_0, Q6_K to Q8_0, otherwise F16, else F32); norms, biases and
     * the router stay F32.
     *
     * @return the file size in bytes
     */
    public long writeGguf(Path path, GgmlType weightType) throws IOException {
        GgufWriter w = GgufWriter.create();
        GgufMetadata.Builder b = w.metadata();
        metadata.forEach((k, v) -> {
            switch (v) {
                case Integer i -> b.putU32(k, i);
                case Float f -> b.putF32(k, f);
                case Boolean x -> b.putBool(k, x);
                case String str -> b.putString(k, str);
                case String[] arr -> b.putStringArray(k, List.of(arr));
                case int[] arr -> b.putI32Array(k, arr);
                default -> throw new IllegalStateException("no GGUF type for metadata " + k + " = " + v);
            }
        });
        for (Tensor t : tensors) {
            GgmlType type = t.matrix() ? storedType(weightType, t.dims()[0]) : GgmlType.F32;
            if (type == GgmlType.F32) {
                w.addF32Tensor(t.name(), t.dims(), t.values());
            } else {
                w.addTensor(t.name(), type, t.dims(), Quantization.quantize(type, t.values()));
            }
        }
        return w.write(path);
    }

    /** The type a matrix with rows of {@code cols} values gets in a file of {@code wanted} weights. */
    public static GgmlType storedType(GgmlType wanted, long cols) {
        GgmlType type = wanted;
        if (cols % type.blockSize() != 0) {
            type = switch (wanted) {
                case Q4_K -> GgmlType.Q5_0;
                case Q6_K -> GgmlType.Q8_0;
                default -> GgmlType.F16;
            };
        }
        return cols % type.blockSize() == 0 ? type : GgmlType.F32;
    }

    /** The model as F32 tensors on the heap, for loading without a file. */
    public WeightSource inMemory() {
        Map<String, TensorData> byName = new LinkedHashMap<>();
        for (Tensor t : tensors) {
            MemorySegment seg = MemorySegment.ofArray(new byte[t.values().length * 4]);
            for (int i = 0; i < t.values().length; i++) {
                seg.set(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 4L * i, t.values()[i]);
            }
            byName.put(t.name(), new TensorData(t.name(), GgmlType.F32, t.dims(), seg));
        }
        Map<String, Object> md = new LinkedHashMap<>();
        // the GGUF reader's Java mapping: string arrays as List<String>
        metadata.forEach((k, v) -> md.put(k, v instanceof String[] arr ? List.of(arr) : v));
        return WeightSource.of(md, name -> Optional.ofNullable(byName.get(name)));
    }

    private static final class Generator {
        private final ModelShape s;
        private final TinyVocabulary vocab;
        private final SplittableRandom rnd;
        private final String a;
        private final Map<String, Object> md = new LinkedHashMap<>();
        private final List<Tensor> tensors = new ArrayList<>();

        Generator(ModelShape shape, TinyVocabulary vocab, SplittableRandom rnd) {
            this.s = shape;
            this.vocab = vocab;
            this.rnd = rnd;
            this.a = shape.architecture();
        }

        RandomModel build() {
            md.put("general.architecture", a);
            md.put("general.name", "guild-random-" + a);
            put("context_length", s.contextLength());
            put("embedding_length", s.embedding());
            put("block_count", s.layers());
            // llama (Mixtral), granitemoe and olmoe size their experts by feed_forward_length
            boolean expertsUseFf = s.experts() > 0 && (a.equals("llama") || a.startsWith("granite") || a.equals("olmoe"));
            put("feed_forward_length", expertsUseFf ? s.expertFeedForward() : s.feedForward());
            put("attention.head_count", s.heads());
            put("attention.head_count_kv", s.kvHeads());
            put("attention.layer_norm_rms_epsilon", 1e-5f);
            put("rope.freq_base", 10000f);
            put("vocab_size", vocab.size());
            if (s.experts() > 0) {
                put("expert_count", s.experts());
                put("expert_used_count", s.expertsUsed());
            }
            if (a.equals("granite") || a.equals("granitemoe")) {
                // with a tied output a large embedding makes every token predict itself: keep it small then
                put("embedding_scale", s.tiedOutput() ? 0.02f : 2f);
                put("residual_scale", 0.5f);
                put("attention.scale", 2f / (float) Math.sqrt(s.headDim())); // sharper than 1/sqrt(d)
                put("logit_scale", 0.5f);
            }
            if (a.equals("qwen2moe") || a.equals("qwen3moe")) {
                put("expert_feed_forward_length", s.expertFeedForward());
            }
            if (a.equals("qwen2moe")) {
                put("expert_shared_feed_forward_length", s.feedForward());
            }
            md.putAll(vocab.metadata());

            int e = s.embedding();
            // unit-size embeddings: each token's identity stays visible against the layers' outputs
            matrix("token_embd.weight", (float) Math.sqrt(e), e, vocab.size());
            for (int l = 0; l < s.layers(); l++) {
                norm("blk." + l + ".attn_norm.weight", e);
                if (a.equals("deepseek2")) {
                    new MlaTensors(this, l).add();
                } else {
                    attention(l);
                }
                norm("blk." + l + ".ffn_norm.weight", e);
                ffn(l);
            }
            norm("output_norm.weight", e);
            if (!s.tiedOutput()) {
                matrix("output.weight", LOGIT_STD, e, vocab.size());
            } else {
                // the embedding doubles as the output: rescale it so logits keep their spread
                Tensor emb = tensors.getFirst();
                float k = LOGIT_STD / (float) Math.sqrt(e);
                for (int i = 0; i < emb.values().length; i++) {
                    emb.values()[i] *= k;
                }
            }
            return new RandomModel(md, tensors);
        }

        void put(String key, Object value) {
            md.put(a + "." + key, value);
        }

        private void attention(int l) {
            int e = s.embedding();
            int hd = s.headDim();
            String p = "blk." + l + ".";
            matrix(p + "attn_q.weight", 1f, e, s.heads() * hd);
            matrix(p + "attn_k.weight", 1f, e, s.kvHeads() * hd);
            matrix(p + "attn_v.weight", 1f, e, s.kvHeads() * hd);
            if (a.equals("qwen2") || a.equals("qwen2moe")) {
                vector(p + "attn_q.bias", 0.2f, 0f, s.heads() * hd);
                vector(p + "attn_k.bias", 0.2f, 0f, s.kvHeads() * hd);
                vector(p + "attn_v.bias", 0.2f, 0f, s.kvHeads() * hd);
            }
            if (a.equals("qwen3") || a.equals("qwen3moe")) {
                norm(p + "attn_q_norm.weight", hd);
                norm(p + "attn_k_norm.weight", hd);
            }
            if (a.equals("olmoe")) {
                norm(p + "attn_q_norm.weight", s.heads() * hd);
                norm(p + "attn_k_norm.weight", s.kvHeads() * hd);
            }
            matrix(p + "attn_output.weight", 1f, s.heads() * hd, e);
        }

        private void ffn(int l) {
            int e = s.embedding();
            String p = "blk." + l + ".";
            boolean dense = s.experts() == 0 || (a.equals("deepseek2") && l < 1);
            if (dense) {
                swiglu(p, "", e, s.feedForward());
                return;
            }
            router(p + "ffn_gate_inp.weight", e, s.experts());
            int f = s.expertFeedForward();
            matrix(p + "ffn_gate_exps.weight", 1f, e, f, s.experts());
            matrix(p + "ffn_up_exps.weight", 1f, e, f, s.experts());
            matrix(p + "ffn_down_exps.weight", 1f, f, e, s.experts());
            if (a.equals("qwen2moe")) {
                vector(p + "ffn_gate_inp_shexp.weight", 1f / (float) Math.sqrt(e), 0f, e);
                swiglu(p, "_shexp", e, s.feedForward());
            }
            if (a.equals("deepseek2")) {
                if (s.variant().sigmoidGating()) {
                    vector(p + "exp_probs_b.bias", 0.3f, 0f, s.experts());
                }
                swiglu(p, "_shexp", e, f * 2);
            }
        }

        void swiglu(String p, String suffix, int e, int f) {
            matrix(p + "ffn_gate" + suffix + ".weight", 1f, e, f);
            matrix(p + "ffn_up" + suffix + ".weight", 1f, e, f);
            matrix(p + "ffn_down" + suffix + ".weight", 1f, f, e);
        }

        /** Router logits with standard deviation ~2 so that the top-k choice is clear. */
        private void router(String name, int e, int experts) {
            float[] v = gaussian(e * experts, 2f / (float) Math.sqrt(e));
            tensors.add(new Tensor(name, new long[] {e, experts}, v, false));
        }

        /** A matrix {cols, rows(, count)} with entries of std gain/sqrt(cols). */
        void matrix(String name, float gain, long... dims) {
            long n = 1;
            for (long d : dims) {
                n *= d;
            }
            float[] v = gaussian(Math.toIntExact(n), gain / (float) Math.sqrt(dims[0]));
            tensors.add(new Tensor(name, dims, v, true));
        }

        void norm(String name, int n) {
            vector(name, 0.1f, 1f, n);
        }

        void vector(String name, float std, float mean, int n) {
            float[] v = gaussian(n, std);
            for (int i = 0; i < n; i++) {
                v[i] += mean;
            }
            tensors.add(new Tensor(name, new long[] {n}, v, false));
        }

        private float[] gaussian(int n, float std) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) (nextGaussian() * std);
            }
            return v;
        }

        private double nextGaussian() {
            // Box-Muller with StrictMath, so the values depend only on the seed, on every JVM and CPU
            double u = rnd.nextDouble();
            double w = rnd.nextDouble();
            return StrictMath.sqrt(-2 * StrictMath.log(1 - u)) * StrictMath.cos(2 * Math.PI * w);
        }
    }

    /** deepseek2 attention tensors and keys. */
    private record MlaTensors(Generator g, int l) {
        void add() {
            ModelShape s = g.s;
            ModelShape.Variant v = s.variant();
            int e = s.embedding();
            int heads = s.heads();
            int rope = 8;
            int nope = 16;
            int vHead = 16;
            int kvLora = 32;
            String p = "blk." + l + ".";
            if (l == 0) {
                g.put("leading_dense_block_count", 1);
                g.put("expert_feed_forward_length", s.expertFeedForward());
                g.put("expert_shared_count", 2);
                g.put("expert_weights_scale", v.sigmoidGating() ? 2.5f : 1.0f);
                g.put("expert_weights_norm", v.sigmoidGating());
                g.put("expert_gating_func", v.sigmoidGating() ? 2 : 1);
                if (v.groups() > 1) {
                    g.put("expert_group_count", v.groups());
                    g.put("expert_group_used_count", v.groupsUsed());
                }
                if (v.qLoraRank() > 0) {
                    g.put("attention.q_lora_rank", v.qLoraRank());
                }
                g.put("attention.kv_lora_rank", kvLora);
                g.put("rope.dimension_count", rope);
                g.put("rope.scaling.yarn_log_multiplier", 0.0707f); // required by llama.cpp; no effect unscaled
                if (v.splitMla()) {
                    g.put("attention.head_count_kv", 1); // absorbed MLA is multi-query attention
                    g.put("attention.key_length", kvLora + rope);
                    g.put("attention.value_length", kvLora);
                    g.put("attention.key_length_mla", nope + rope);
                    g.put("attention.value_length_mla", vHead);
                } else {
                    g.put("attention.key_length", nope + rope);
                    g.put("attention.value_length", vHead);
                }
            }
            if (v.qLoraRank() > 0) {
                g.matrix(p + "attn_q_a.weight", 1f, e, v.qLoraRank());
                g.norm(p + "attn_q_a_norm.weight", v.qLoraRank());
                g.matrix(p + "attn_q_b.weight", 1f, v.qLoraRank(), heads * (nope + rope));
            } else {
                g.matrix(p + "attn_q.weight", 1f, e, heads * (nope + rope));
            }
            g.matrix(p + "attn_kv_a_mqa.weight", 1f, e, kvLora + rope);
            g.norm(p + "attn_kv_a_norm.weight", kvLora);
            if (v.splitMla()) {
                g.matrix(p + "attn_k_b.weight", 1f, nope, kvLora, heads);
                g.matrix(p + "attn_v_b.weight", 1f, kvLora, vHead, heads);
            } else {
                g.matrix(p + "attn_kv_b.weight", 1f, kvLora, heads * (nope + vHead));
            }
            g.matrix(p + "attn_output.weight", 1f, heads * vHead, e);
        }
    }
}
