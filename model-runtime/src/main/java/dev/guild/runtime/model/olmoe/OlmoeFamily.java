package dev.guild.runtime.model.olmoe;

import dev.guild.runtime.model.Model;
import dev.guild.runtime.model.ModelConfig;
import dev.guild.runtime.model.ModelConfig.RopeType;
import dev.guild.runtime.model.ModelLoadException;
import dev.guild.runtime.model.internal.ArchitectureFamily;
import dev.guild.runtime.model.internal.ConfigReader;
import dev.guild.runtime.model.internal.GqaAttention;
import dev.guild.runtime.model.internal.MetadataReader;
import dev.guild.runtime.model.internal.MoeFfn;
import dev.guild.runtime.model.internal.TransformerModel;
import dev.guild.runtime.model.internal.Weights;
import dev.guild.runtime.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/** olmoe: NEOX rope, q/k RMSNorm over the full projected width before the head split, softmax routing without renormalisation. */
public final class OlmoeFamily implements ArchitectureFamily {

    @Override
    public List<String> architectures() {
        return List.of("olmoe");
    }

    @Override
    public Model load(MetadataReader md, Weights w, int vocabSize, Tokenizer tokenizer) {
        ModelConfig c = ConfigReader.read(md, vocabSize, RopeType.NEOX, false);
        int embd = c.embeddingLength();
        ModelConfig.Moe moe = c.moe();
        if (!moe.enabled()) {
            throw new ModelLoadException("olmoe.expert_count must be > 0 for architecture olmoe");
        }
        List<TransformerModel.Layer> layers = new ArrayList<>();
        for (int l = 0; l < c.blockCount(); l++) {
            var ffn = MoeFfn.load(w, l, embd, moe, null, null, null);
            layers.add(new TransformerModel.Layer(w.vector(Weights.layer(l, "attn_norm.weight"), embd),
                    new GqaAttention(w, l, embd, c.attention(), GqaAttention.QkNorm.FULL_WIDTH),
                    w.vector(Weights.layer(l, "ffn_norm.weight"), embd), ffn));
        }
        return TransformerModel.assemble(c, w, layers, tokenizer);
    }
}
