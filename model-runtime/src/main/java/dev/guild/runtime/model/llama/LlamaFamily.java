package dev.guild.runtime.model.llama;

import dev.guild.runtime.model.Model;
import dev.guild.runtime.model.ModelConfig;
import dev.guild.runtime.model.ModelConfig.RopeType;
import dev.guild.runtime.model.internal.ArchitectureFamily;
import dev.guild.runtime.model.internal.ConfigReader;
import dev.guild.runtime.model.internal.DenseFfn;
import dev.guild.runtime.model.internal.FeedForward;
import dev.guild.runtime.model.internal.GqaAttention;
import dev.guild.runtime.model.internal.MetadataReader;
import dev.guild.runtime.model.internal.MoeFfn;
import dev.guild.runtime.model.internal.TransformerModel;
import dev.guild.runtime.model.internal.Weights;
import dev.guild.runtime.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * llama (dense, and Mixtral when {@code llama.expert_count} is set), granite and granitemoe: NORM
 * rope, softmax routing with renormalised top-k weights, granite's embedding, residual, attention
 * and logit scales, and granite's optional shared expert.
 */
public final class LlamaFamily implements ArchitectureFamily {

    @Override
    public List<String> architectures() {
        return List.of("llama", "granite", "granitemoe");
    }

    @Override
    public Model load(MetadataReader md, Weights w, int vocabSize, Tokenizer tokenizer) {
        ModelConfig c = ConfigReader.read(md, vocabSize, RopeType.NORM, true);
        int embd = c.embeddingLength();
        ModelConfig.Moe moe = c.moe();
        List<TransformerModel.Layer> layers = new ArrayList<>();
        for (int l = 0; l < c.blockCount(); l++) {
            FeedForward ffn;
            if (moe.enabled()) {
                FeedForward shared = moe.sharedFeedForwardLength() > 0
                        ? DenseFfn.load(w, l, "_shexp", embd, moe.sharedFeedForwardLength()) : null;
                ffn = MoeFfn.load(w, l, embd, moe, null, shared, null);
            } else {
                ffn = ArchitectureFamily.denseFfn(w, l, embd, c.feedForwardLength());
            }
            layers.add(new TransformerModel.Layer(w.vector(Weights.layer(l, "attn_norm.weight"), embd),
                    new GqaAttention(w, l, embd, c.attention(), GqaAttention.QkNorm.NONE),
                    w.vector(Weights.layer(l, "ffn_norm.weight"), embd), ffn));
        }
        return TransformerModel.assemble(c, w, layers, tokenizer);
    }
}
