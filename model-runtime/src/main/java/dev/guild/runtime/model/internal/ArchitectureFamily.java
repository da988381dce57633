package dev.guild.runtime.model.internal;

import dev.guild.runtime.model.Model;
import dev.guild.runtime.tokenizer.Tokenizer;
import java.util.List;

/** Builds models of a few related architectures ({@code general.architecture} values). */
public interface ArchitectureFamily {

    /** The {@code general.architecture} names this family loads. */
    List<String> architectures();

    /** Reads the config of {@code md.arch()} and loads its weights; {@code tokenizer} may be null. */
    Model load(MetadataReader md, Weights weights, int vocabSize, Tokenizer tokenizer);

    /** The layers of a MoE model whose FFN is a plain SwiGLU of {@code feed_forward_length}. */
    static FeedForward denseFfn(Weights w, int layer, int embd, int ff) {
        return DenseFfn.load(w, layer, "", embd, ff);
    }
}
