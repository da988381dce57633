package dev.guild.runtime.model.testing;

/**
 * Dimensions of a generated model. Defaults are tiny (fast tests); benchmarks use realistic ones.
 *
 * @param architecture   {@code general.architecture}: llama, granite, granitemoe, qwen2, qwen2moe,
 *                       qwen3, qwen3moe, olmoe or deepseek2
 * @param embedding      hidden size
 * @param layers         decoder layers
 * @param heads          query heads
 * @param kvHeads        key/value heads
 * @param feedForward    dense FFN width (also the shared-expert width of qwen2moe)
 * @param experts        routed experts (0: dense)
 * @param expertsUsed    experts per token
 * @param expertFeedForward width of one expert
 * @param contextLength  {@code context_length}
 * @param tiedOutput     omit {@code output.weight} so the output projection is the embedding
 * @param variant        architecture-specific options, see {@link Variant}
 */
public record ModelShape(String architecture, int embedding, int layers, int heads, int kvHeads, int feedForward,
                         int experts, int expertsUsed, int expertFeedForward, int contextLength, boolean tiedOutput,
                         Variant variant) {

    /**
     * deepseek2 options (ignored elsewhere).
     *
     * @param splitMla        write {@code attn_k_b}/{@code attn_v_b} (newer files) instead of {@code attn_kv_b}
     * @param qLoraRank       0 for "lite" (plain {@code attn_q})
     * @param sigmoidGating   sigmoid gating with an {@code exp_probs_b} selection bias (V3) instead of softmax
     * @param groups          expert groups (1: none)
     * @param groupsUsed      groups kept per token
     */
    public record Variant(boolean splitMla, int qLoraRank, boolean sigmoidGating, int groups, int groupsUsed) {
        public static final Variant DEFAULT = new Variant(false, 32, false, 1, 1);
    }

    /** A tiny model of {@code architecture}: hidden 64, 2 layers, 8 experts top-2 for MoE architectures. */
    public static ModelShape tiny(String architecture) {
        boolean moe = architecture.endsWith("moe") || architecture.equals("deepseek2") || architecture.equals("mixtral");
        String arch = architecture.equals("mixtral") ? "llama" : architecture;
        // llama.cpp's olmoe sizes attn_k_norm by the embedding, and legacy deepseek2 caches per-head
        // keys: neither has grouped-query attention
        int kvHeads = arch.equals("olmoe") || arch.equals("deepseek2") ? 4 : 2;
        return new ModelShape(arch, 64, 2, 4, kvHeads, 96, moe ? 8 : 0, moe ? 2 : 0, moe ? 32 : 0, 256, false,
                Variant.DEFAULT);
    }

    public ModelShape withEmbedding(int embedding, int feedForward, int expertFeedForward) {
        return new ModelShape(architecture, embedding, layers, heads, kvHeads, feedForward, experts, expertsUsed,
                expertFeedForward, contextLength, tiedOutput, variant);
    }

    public ModelShape withLayers(int layers) {
        return new ModelShape(architecture, embedding, layers, heads, kvHeads, feedForward, experts, expertsUsed,
                expertFeedForward, contextLength, tiedOutput, variant);
    }

    public ModelShape withTiedOutput(boolean tied) {
        return new ModelShape(architecture, embedding, layers, heads, kvHeads, feedForward, experts, expertsUsed,
                expertFeedForward, contextLength, tied, variant);
    }

    public ModelShape withVariant(Variant v) {
        return new ModelShape(architecture, embedding, layers, heads, kvHeads, feedForward, experts, expertsUsed,
                expertFeedForward, contextLength, tiedOutput, v);
    }

    public int headDim() {
        return embedding / heads;
    }
}
