package dev.guild.runtime.model;

/**
 * Hyperparameters of a transformer, read from GGUF metadata with llama.cpp's keys and defaults.
 *
 * @param architecture     {@code general.architecture}, for example {@code granitemoe}
 * @param vocabSize        rows of {@code token_embd}
 * @param contextLength    {@code %s.context_length}: the longest sequence the model was trained for
 * @param embeddingLength  {@code %s.embedding_length} (hidden size)
 * @param blockCount       {@code %s.block_count} (layers)
 * @param feedForwardLength {@code %s.feed_forward_length}: width of dense feed-forward layers
 * @param attention        attention geometry and rotary embedding
 * @param moe              experts and routing; {@link Moe#NONE} for a dense model
 * @param mla              multi-head latent attention ranks (deepseek2); {@link Mla#NONE} otherwise
 * @param scales           granite scales; {@link Scales#NONE} for other architectures
 */
public record ModelConfig(
        String architecture,
        int vocabSize,
        int contextLength,
        int embeddingLength,
        int blockCount,
        int feedForwardLength,
        Attention attention,
        Moe moe,
        Mla mla,
        Scales scales) {

    /** Rotary embedding pairing: NORM rotates adjacent pairs, NEOX pairs i with i + n_rot/2. */
    public enum RopeType { NORM, NEOX }

    /** Expert gating functions with their GGUF ids ({@code %s.expert_gating_func}). */
    public enum Gating {
        SOFTMAX(1), SIGMOID(2);

        private final int id;

        Gating(int id) {
            this.id = id;
        }

        public int id() {
            return id;
        }

        public static Gating fromId(int id) {
            for (Gating g : values()) {
                if (g.id == id) {
                    return g;
                }
            }
            throw new ModelLoadException("expert_gating_func " + id
                    + " is not supported; supported: 1 (softmax), 2 (sigmoid)");
        }
    }

    /**
     * @param headCount        query heads
     * @param headCountKv      key/value heads (grouped-query attention when fewer than headCount)
     * @param keyLength        per-head key width ({@code attention.key_length}, default embedding/heads)
     * @param valueLength      per-head value width
     * @param rmsEps           {@code attention.layer_norm_rms_epsilon}
     * @param ropeDimensions   rotated dimensions per head ({@code rope.dimension_count}, default keyLength)
     * @param ropeFreqBase     {@code rope.freq_base}, default 10000
     * @param ropeType         pairing, fixed per architecture as in llama.cpp
     * @param kqScale          multiplier of q·k; 1/sqrt(keyLength) unless granite's {@code attention.scale};
     *                         for deepseek2 with YaRN also times the squared YaRN magnitude scale
     * @param ropeScaling      rotary scaling (linear, YaRN) as llama.cpp applies it; {@link RopeScaling#NONE} if none
     */
    public record Attention(int headCount, int headCountKv, int keyLength, int valueLength, float rmsEps,
                            int ropeDimensions, float ropeFreqBase, RopeType ropeType, float kqScale,
                            RopeScaling ropeScaling) {
        /** Without rope scaling. */
        public Attention(int headCount, int headCountKv, int keyLength, int valueLength, float rmsEps,
                         int ropeDimensions, float ropeFreqBase, RopeType ropeType, float kqScale) {
            this(headCount, headCountKv, keyLength, valueLength, rmsEps, ropeDimensions, ropeFreqBase, ropeType, kqScale,
                    RopeScaling.NONE);
        }
    }

    /**
     * Rotary scaling, the parameters of ggml's {@code ggml_rope_ext} as llama.cpp derives them from the GGUF keys
     * {@code rope.scaling.type} (none, linear, yarn; absent means linear, as in llama.cpp),
     * {@code rope.scaling.factor}, {@code rope.scaling.original_context_length},
     * {@code rope.scaling.attn_factor} and, for deepseek2, {@code rope.scaling.yarn_log_multiplier}.
     *
     * @param type                  NONE, LINEAR or YARN
     * @param freqScale             1 / factor (1 when the type is NONE or the factor is 0 or absent)
     * @param originalContext       {@code rope.scaling.original_context_length}, default {@code context_length}
     * @param extFactor             YaRN extrapolation mix: 1 for YARN, 0 otherwise (llama.cpp's default)
     * @param attnFactor            magnitude factor passed to the rotation (llama.cpp's {@code attn_factor}; deepseek2
     *                              pre-scales it, see {@code ConfigReader})
     * @param betaFast              YaRN low correction dimension parameter, 32 (llama.cpp's default)
     * @param betaSlow              YaRN high correction dimension parameter, 1 (llama.cpp's default)
     */
    public record RopeScaling(ScalingType type, float freqScale, int originalContext, float extFactor, float attnFactor,
                              float betaFast, float betaSlow) {
        public static final RopeScaling NONE = new RopeScaling(ScalingType.NONE, 1f, 0, 0f, 1f, 32f, 1f);

        public RopeScaling withAttnFactor(float f) {
            return new RopeScaling(type, freqScale, originalContext, extFactor, f, betaFast, betaSlow);
        }
    }

    /** {@code rope.scaling.type}. */
    public enum ScalingType {
        NONE, LINEAR, YARN;

        /** The GGUF value (none, linear, yarn), or null if unknown. */
        public static ScalingType parse(String value) {
            return switch (value) {
                case "none" -> NONE;
                case "linear" -> LINEAR;
                case "yarn" -> YARN;
                default -> null;
            };
        }
    }

    /**
     * @param expertCount          routed experts per layer (0: dense)
     * @param expertUsedCount      experts selected per token (top-k)
     * @param expertFeedForwardLength width of one expert
     * @param sharedExpertCount    shared experts (deepseek2), run as one FFN of width count*expert width
     * @param sharedFeedForwardLength width of the shared expert (qwen2moe, granitemoe shared); 0 if none
     * @param leadingDenseBlocks   first layers that use a dense FFN (deepseek2)
     * @param gating               softmax or sigmoid over the router logits
     * @param normalizeWeights     renormalise the selected weights to sum to one
     * @param weightsScale         multiply routing weights by this (0 or 1: no scaling)
     * @param groupCount           expert groups for group-limited routing (1: none)
     * @param groupUsedCount       groups kept per token
     */
    public record Moe(int expertCount, int expertUsedCount, int expertFeedForwardLength, int sharedExpertCount,
                      int sharedFeedForwardLength, int leadingDenseBlocks, Gating gating, boolean normalizeWeights,
                      float weightsScale, int groupCount, int groupUsedCount) {

        public static final Moe NONE = new Moe(0, 0, 0, 0, 0, 0, Gating.SOFTMAX, false, 0f, 1, 1);

        public boolean enabled() {
            return expertCount > 0;
        }
    }

    /**
     * @param qLoraRank     rank of the query compression (0: "lite", plain {@code attn_q})
     * @param kvLoraRank    width of the compressed key/value latent
     * @param keyLength     per-head query/key width after decompression (nope + rope)
     * @param valueLength   per-head value width after decompression
     */
    public record Mla(int qLoraRank, int kvLoraRank, int keyLength, int valueLength) {
        public static final Mla NONE = new Mla(0, 0, 0, 0);
    }

    /**
     * @param embedding multiplies token embeddings (0: none)
     * @param residual  multiplies attention and FFN outputs before each residual add (0: none)
     * @param logit     divides the logits (0: none)
     */
    public record Scales(float embedding, float residual, float logit) {
        public static final Scales NONE = new Scales(0f, 0f, 0f);
    }
}
