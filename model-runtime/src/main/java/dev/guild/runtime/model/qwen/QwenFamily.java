package dev.guild.runtime.model.qwen;

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
 * qwen2, qwen2moe, qwen3, qwen3moe: NEOX rope; q/k/v biases (qwen2, optional); per-head q/k RMSNorm
 * (qwen3); qwen2moe routes without renormalising and adds a sigmoid-gated shared expert; qwen3moe
 * renormalises and has no shared expert.
 */
public final class QwenFamily implements ArchitectureFamily {

    @Override
    public List<String> architectures() {
        return List.of("qwen2", "qwen2moe", "qwen3", "qwen3moe");
    }

    @Override
    public Model load(MetadataReader md, Weights w, int vocabSize, Tokenizer tokenizer) {
        String arch = md.arch();
        boolean qwen3 = arch.startsWith("qwen3");
        boolean moeArch = arch.endsWith("moe");
        ModelConfig c = ConfigReader.read(md, vocabSize, RopeType.NEOX, qwen3);
        int embd = c.embeddingLength();
        ModelConfig.Moe moe = c.moe();
        if (moeArch && !moe.enabled()) {
            throw new dev.guild.runtime.model.ModelLoadException(
                    "%s.expert_count must be > 0 for architecture %s".formatted(arch, arch));
        }
        List<TransformerModel.Layer> layers = new ArrayList<>();
        for (int l = 0; l < c.blockCount(); l++) {
            FeedForward ffn;
            if (moeArch) {
                FeedForward shared = null;
                float[] sharedGate = null;
                if (!qwen3) {
                    int ffShared = moe.sharedFeedForwardLength() > 0 ? moe.sharedFeedForwardLength() : c.feedForwardLength();
                    shared = DenseFfn.load(w, l, "_shexp", embd, ffShared);
                    sharedGate = w.vector(Weights.layer(l, "ffn_gate_inp_shexp.weight"), embd);
                }
                ffn = MoeFfn.load(w, l, embd, moe, null, shared, sharedGate);
            } else {
                ffn = ArchitectureFamily.denseFfn(w, l, embd, c.feedForwardLength());
            }
            layers.add(new TransformerModel.Layer(w.vector(Weights.layer(l, "attn_norm.weight"), embd),
                    new GqaAttention(w, l, embd, c.attention(),
                            qwen3 ? GqaAttention.QkNorm.PER_HEAD : GqaAttention.QkNorm.NONE),
                    w.vector(Weights.layer(l, "ffn_norm.weight"), embd), ffn));
        }
        return TransformerModel.assemble(c, w, layers, tokenizer);
    }
}
