package dev.guild.runtime.model.internal;

import dev.guild.runtime.model.ModelConfig;
import dev.guild.runtime.model.ModelConfig.Gating;
import dev.guild.runtime.model.ModelConfig.RopeType;
import dev.guild.runtime.model.ModelLoadException;

/**
 * Reads {@link ModelConfig} from GGUF metadata with llama.cpp's keys, defaults and per-architecture
 * rules (rope pairing, renormalisation of routing weights, granite scales, MLA ranks).
 */
public final class ConfigReader {

    private ConfigReader() {
    }

    /**
     * @param md             metadata of the architecture
     * @param vocabSize      rows of {@code token_embd}
     * @param ropeType       NORM or NEOX, fixed per architecture
     * @param normalizeWeights renormalise selected expert weights (fixed per architecture except deepseek2)
     */
    public static ModelConfig read(MetadataReader md, int vocabSize, RopeType ropeType, boolean normalizeWeights) {
        String arch = md.arch();
        int embd = md.requireInt("%s.embedding_length");
        int layers = md.requireInt("%s.block_count");
        int context = md.requireInt("%s.context_length");
        int ff = md.intOr("%s.feed_forward_length", 0);
        int heads = md.requireInt("%s.attention.head_count");
        int kvHeads = md.intOr("%s.attention.head_count_kv", heads);
        int keyLength = md.intOr("%s.attention.key_length", embd / heads);
        int valueLength = md.intOr("%s.attention.value_length", embd / heads);
        float eps = md.requireFloat("%s.attention.layer_norm_rms_epsilon");
        int ropeDims = md.intOr("%s.rope.dimension_count", keyLength);
        float ropeBase = md.floatOr("%s.rope.freq_base", 10000f);
        ModelConfig.RopeScaling ropeScaling = readRopeScaling(md);
        boolean granite = arch.equals("granite") || arch.equals("granitemoe");
        boolean deepseek = arch.equals("deepseek2");

        ModelConfig.Mla mla = ModelConfig.Mla.NONE;
        int scoreDim = keyLength;
        if (deepseek) {
            int kLenMla = md.intOr("%s.attention.key_length_mla", 0);
            int vLenMla = md.intOr("%s.attention.value_length_mla", 0);
            mla = new ModelConfig.Mla(md.intOr("%s.attention.q_lora_rank", 0),
                    md.requireInt("%s.attention.kv_lora_rank"),
                    kLenMla > 0 ? kLenMla : keyLength, vLenMla > 0 ? vLenMla : valueLength);
            scoreDim = mla.keyLength();
        }
        float kqScale = 1f / (float) Math.sqrt(scoreDim);
        if (granite && md.floatOr("%s.attention.scale", 0f) != 0f) {
            kqScale = md.floatOr("%s.attention.scale", 0f);
        }
        if (deepseek) {
            // llama.cpp's build_deepseek2 pre-scales kq_scale and the rotation's attn_factor so that YaRN's
            // magnitude correction uses rope.scaling.yarn_log_multiplier (no effect without scaling)
            float logInv = (float) Math.log(1f / ropeScaling.freqScale());
            float mscale = ropeScaling.attnFactor() * Math.fma(md.floatOr("%s.rope.scaling.yarn_log_multiplier", 0f), logInv, 1f);
            kqScale = 1f * mscale * mscale / (float) Math.sqrt(scoreDim);
            ropeScaling = ropeScaling.withAttnFactor(1f / Math.fma(0.1f, logInv, 1f));
        }
        if (heads <= 0 || kvHeads <= 0 || heads % kvHeads != 0) {
            throw new ModelLoadException("%s.attention.head_count %d is not a positive multiple of head_count_kv %d"
                    .formatted(arch, heads, kvHeads));
        }
        var attention = new ModelConfig.Attention(heads, kvHeads, keyLength, valueLength, eps, ropeDims, ropeBase,
                ropeType, kqScale, ropeScaling);

        ModelConfig.Moe moe = readMoe(md, ff, normalizeWeights, deepseek);
        ModelConfig.Scales scales = ModelConfig.Scales.NONE;
        if (granite) {
            scales = new ModelConfig.Scales(md.floatOr("%s.embedding_scale", 0f), md.floatOr("%s.residual_scale", 0f),
                    md.requireFloat("%s.logit_scale"));
        }
        return new ModelConfig(arch, vocabSize, context, embd, layers, ff, attention, moe, mla, scales);
    }

    /**
     * Rotary scaling as llama.cpp b4916 reads it: {@code rope.scaling.type} (absent: linear), factor from
     * {@code rope.scaling.factor} or the older {@code rope.scale_linear} (0 or absent: no scaling), YaRN's
     * original context from {@code rope.scaling.original_context_length} (default {@code context_length}).
     */
    private static ModelConfig.RopeScaling readRopeScaling(MetadataReader md) {
        String name = md.stringOr("%s.rope.scaling.type", "linear");
        ModelConfig.ScalingType type = ModelConfig.ScalingType.parse(name);
        if (type == null) {
            throw new ModelLoadException(("%s.rope.scaling.type is '%s', which this engine does not implement; "
                    + "supported: none, linear, yarn (llama.cpp's longrope is not)").formatted(md.arch(), name));
        }
        float factor = md.floatOr("%s.rope.scaling.factor", md.floatOr("%s.rope.scale_linear", 0f));
        if (!(factor >= 0f) || Float.isInfinite(factor)) {
            throw new ModelLoadException("%s.rope.scaling.factor is %s; it must be a finite number >= 0 (0: no scaling)"
                    .formatted(md.arch(), factor));
        }
        float freqScale = type == ModelConfig.ScalingType.NONE || factor == 0f ? 1f : 1f / factor;
        int context = md.requireInt("%s.context_length");
        int original = md.intOr("%s.rope.scaling.original_context_length", 0);
        if (original < 0) {
            throw new ModelLoadException("%s.rope.scaling.original_context_length is %d; it must be positive (or 0: context_length)"
                    .formatted(md.arch(), original));
        }
        float attnFactor = md.floatOr("%s.rope.scaling.attn_factor", 1f);
        if (!(attnFactor > 0f) || Float.isInfinite(attnFactor)) {
            throw new ModelLoadException("%s.rope.scaling.attn_factor is %s; it must be a finite number > 0 (default 1)"
                    .formatted(md.arch(), attnFactor));
        }
        float ext = type == ModelConfig.ScalingType.YARN ? 1f : 0f;
        return new ModelConfig.RopeScaling(type, freqScale, original != 0 ? original : context, ext, attnFactor, 32f, 1f);
    }

    private static ModelConfig.Moe readMoe(MetadataReader md, int ff, boolean normalize, boolean deepseek) {
        int experts = md.intOr("%s.expert_count", 0);
        if (experts == 0) {
            return ModelConfig.Moe.NONE;
        }
        int used = md.requireInt("%s.expert_used_count");
        if (used <= 0 || used > experts) {
            throw new ModelLoadException("%s.expert_used_count is %d but must be between 1 and expert_count %d"
                    .formatted(md.arch(), used, experts));
        }
        int expertFf = md.intOr("%s.expert_feed_forward_length", 0);
        if (expertFf == 0) {
            expertFf = md.arch().startsWith("qwen") ? ff / used : ff;
        }
        int groups = md.intOr("%s.expert_group_count", 1);
        int groupsUsed = md.intOr("%s.expert_group_used_count", groups);
        if (groups < 1 || experts % groups != 0 || groupsUsed < 1 || groupsUsed > groups) {
            throw new ModelLoadException("%s expert groups: %d experts, %d groups, %d used; groups must divide experts and 1 <= used <= groups"
                    .formatted(md.arch(), experts, groups, groupsUsed));
        }
        Gating gating = Gating.SOFTMAX;
        float scale = 0f;
        if (deepseek) {
            gating = Gating.fromId(md.intOr("%s.expert_gating_func", Gating.SOFTMAX.id()));
            normalize = md.boolOr("%s.expert_weights_norm", false);
            scale = md.requireFloat("%s.expert_weights_scale");
        } else if (md.arch().equals("qwen3moe")) {
            scale = md.floatOr("%s.expert_weights_scale", 0f);
        }
        return new ModelConfig.Moe(experts, used, expertFf, md.intOr("%s.expert_shared_count", 0),
                md.intOr("%s.expert_shared_feed_forward_length", 0), md.intOr("%s.leading_dense_block_count", 0),
                gating, normalize, scale, groups, groupsUsed);
    }
}
