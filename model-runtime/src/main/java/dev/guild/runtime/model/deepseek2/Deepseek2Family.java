package dev.guild.runtime.model.deepseek2;

import dev.guild.runtime.model.Model;
import dev.guild.runtime.model.ModelConfig;
import dev.guild.runtime.model.ModelConfig.RopeType;
import dev.guild.runtime.model.ModelLoadException;
import dev.guild.runtime.model.internal.ArchitectureFamily;
import dev.guild.runtime.model.internal.ConfigReader;
import dev.guild.runtime.model.internal.DenseFfn;
import dev.guild.runtime.model.internal.FeedForward;
import dev.guild.runtime.model.internal.MetadataReader;
import dev.guild.runtime.model.internal.MoeFfn;
import dev.guild.runtime.model.internal.TransformerModel;
import dev.guild.runtime.model.internal.Weights;
import dev.guild.runtime.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * deepseek2 (DeepSeek-V2, V2-Lite, V3 layouts): MLA attention in split or legacy form, NORM rope,
 * leading dense layers, routed experts with softmax or sigmoid gating, the V3 selection bias
 * {@code exp_probs_b}, group-limited routing, {@code expert_weights_norm} and
 * {@code expert_weights_scale}, plus ungated shared experts.
 */
public final class Deepseek2Family implements ArchitectureFamily {

    @Override
    public List<String> architectures() {
        return List.of("deepseek2");
    }

    @Override
    public Model load(MetadataReader md, Weights w, int vocabSize, Tokenizer tokenizer) {
        ModelConfig c = ConfigReader.read(md, vocabSize, RopeType.NORM, false);
        int embd = c.embeddingLength();
        ModelConfig.Moe moe = c.moe();
        if (!moe.enabled() && moe.leadingDenseBlocks() < c.blockCount()) {
            throw new ModelLoadException("deepseek2.expert_count must be > 0 unless every layer is dense");
        }
        List<TransformerModel.Layer> layers = new ArrayList<>();
        for (int l = 0; l < c.blockCount(); l++) {
            FeedForward ffn;
            if (l < moe.leadingDenseBlocks() || !moe.enabled()) {
                ffn = ArchitectureFamily.denseFfn(w, l, embd, c.feedForwardLength());
            } else {
                float[] bias = w.optionalVector(Weights.layer(l, "exp_probs_b.bias"), moe.expertCount()).orElse(null);
                FeedForward shared = moe.sharedExpertCount() > 0
                        ? DenseFfn.load(w, l, "_shexp", embd, moe.expertFeedForwardLength() * moe.sharedExpertCount())
                        : null;
                ffn = MoeFfn.load(w, l, embd, moe, bias, shared, null);
            }
            layers.add(new TransformerModel.Layer(w.vector(Weights.layer(l, "attn_norm.weight"), embd),
                    new MlaAttention(w, l, c), w.vector(Weights.layer(l, "ffn_norm.weight"), embd), ffn));
        }
        return TransformerModel.assemble(c, w, layers, tokenizer);
    }
}
