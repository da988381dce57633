package dev.guild.runtime.model.internal;

import dev.guild.runtime.model.ArrayKvCache;
import dev.guild.runtime.model.Batch;
import dev.guild.runtime.model.ContextLimitException;
import dev.guild.runtime.model.KvCache;
import dev.guild.runtime.model.KvShape;
import dev.guild.runtime.model.Model;
import dev.guild.runtime.model.ModelConfig;
import dev.guild.runtime.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pre-norm decoder every supported architecture shares: embedding (optionally scaled), then per
 * layer {@code x += s·attn(norm(x)); x += s·ffn(norm(x))}, then the final norm and the output
 * projection (optionally divided by the logit scale). Architectures differ only in the blocks
 * they plug in.
 */
public final class TransformerModel implements Model {

    /** One decoder layer. */
    public record Layer(float[] attnNorm, AttentionBlock attention, float[] ffnNorm, FeedForward ffn) {
    }

    private final ModelConfig config;
    private final Linear embedding;
    private final List<Layer> layers;
    private final float[] outputNorm;
    private final Linear output;
    private final Compute compute;
    private Tokenizer tokenizer;

    public TransformerModel(ModelConfig config, Linear embedding, List<Layer> layers, float[] outputNorm,
                            Linear output, Compute compute) {
        this.compute = compute;
        this.config = config;
        this.embedding = embedding;
        this.layers = List.copyOf(layers);
        this.outputNorm = outputNorm;
        this.output = output;
    }

    /** Loads {@code token_embd}, {@code output_norm} and {@code output} (tied to the embedding when absent). */
    public static TransformerModel assemble(ModelConfig config, Weights w, List<Layer> layers, Tokenizer tokenizer) {
        int embd = config.embeddingLength();
        Linear embedding = w.matrix("token_embd.weight", embd, config.vocabSize());
        Linear output = w.optionalMatrix("output.weight", embd, config.vocabSize()).orElse(embedding);
        TransformerModel model = new TransformerModel(config, embedding, layers, w.vector("output_norm.weight", embd),
                output, w.compute());
        model.tokenizer = tokenizer;
        return model;
    }

    @Override
    public ModelConfig config() {
        return config;
    }

    @Override
    public Optional<Tokenizer> tokenizer() {
        return Optional.ofNullable(tokenizer);
    }

    @Override
    public KvCache newCache(int capacity) {
        KvShape s = kvShape();
        return new ArrayKvCache(s.layers(), s.keyWidth(), s.valueWidth(), Math.min(capacity, config.contextLength()));
    }

    @Override
    public KvShape kvShape() {
        AttentionBlock a = layers.getFirst().attention();
        return new KvShape(layers.size(), a.keyWidth(), a.valueWidth());
    }

    @Override
    public List<float[][]> forward(Batch batch) {
        check(batch);
        Step step = new Step(batch);
        int n = step.tokens;
        int embd = config.embeddingLength();
        float eps = config.attention().rmsEps();
        ModelConfig.Scales scales = config.scales();
        float[] x = new float[n * embd];
        for (int t = 0; t < n; t++) {
            int id = step.ids[t];
            if (id < 0 || id >= config.vocabSize()) {
                throw new IllegalArgumentException("token id %d is outside the vocabulary [0, %d)"
                        .formatted(id, config.vocabSize()));
            }
            embedding.row(id, x, t * embd);
        }
        if (scales.embedding() != 0f) {
            compute.ops().scale(x, 0, x.length, scales.embedding());
        }
        float[] h = new float[n * embd];
        float[] y = new float[n * embd];
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            System.arraycopy(x, 0, h, 0, h.length);
            compute.rmsNorm(h, n, embd, layer.attnNorm(), eps);
            layer.attention().forward(h, step, l, y);
            residual(x, y, scales.residual());
            System.arraycopy(x, 0, h, 0, h.length);
            compute.rmsNorm(h, n, embd, layer.ffnNorm(), eps);
            layer.ffn().forward(h, n, y);
            residual(x, y, scales.residual());
        }
        List<float[][]> result = new ArrayList<>();
        int t0 = 0;
        for (Batch.Entry e : batch.entries()) {
            int count = e.tokens().length;
            int first = e.allLogits() ? t0 : t0 + count - 1;
            int rows = t0 + count - first;
            float[] hs = new float[rows * embd];
            System.arraycopy(x, first * embd, hs, 0, hs.length);
            compute.rmsNorm(hs, rows, embd, outputNorm, eps);
            float[] logits = new float[rows * config.vocabSize()];
            output.matmul(hs, rows, logits);
            if (scales.logit() != 0f) {
                compute.ops().scale(logits, 0, logits.length, 1f / scales.logit());
            }
            float[][] out = new float[rows][];
            for (int r = 0; r < rows; r++) {
                out[r] = java.util.Arrays.copyOfRange(logits, r * config.vocabSize(), (r + 1) * config.vocabSize());
            }
            result.add(out);
            e.cache().advance(count);
            t0 += count;
        }
        return result;
    }

    private void residual(float[] x, float[] y, float scale) {
        if (scale != 0f) {
            compute.ops().scale(y, 0, y.length, scale);
        }
        compute.ops().add(x, 0, x, 0, y, 0, x.length);
    }

    private void check(Batch batch) {
        Map<KvCache, Boolean> seen = new IdentityHashMap<>();
        for (Batch.Entry e : batch.entries()) {
            if (seen.put(e.cache(), Boolean.TRUE) != null) {
                throw new IllegalArgumentException("a KV cache appears twice in one batch; give each sequence one entry");
            }
            int need = e.cache().length() + e.tokens().length;
            if (need > e.cache().capacity()) {
                throw new ContextLimitException(need, e.cache().capacity(),
                        ("sequence would hold %d tokens (%d cached + %d new) but its context limit is %d; "
                                + "shorten the prompt, lower max tokens, or create the cache with a larger capacity "
                                + "(the model was trained for %d)")
                                .formatted(need, e.cache().length(), e.tokens().length, e.cache().capacity(),
                                        config.contextLength()));
            }
        }
    }
}
