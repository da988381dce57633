package dev.guild.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guild.runtime.model.testing.ModelShape;
import dev.guild.runtime.model.testing.RandomModel;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelLoaderTest {

    private static WeightSource edited(WeightSource base, Map<String, Object> metadata, String dropTensor) {
        return WeightSource.of(metadata, name -> name.equals(dropTensor) ? Optional.empty() : base.tensor(name));
    }

    @Test
    void unknown_architecture_lists_the_supported_ones() {
        WeightSource src = RandomModel.generate(ModelShape.tiny("llama"), 120, 1).inMemory();
        Map<String, Object> md = new HashMap<>(src.metadata());
        md.put("general.architecture", "mamba");
        assertThatThrownBy(() -> ModelLoader.load(edited(src, md, "")))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("'mamba'")
                .hasMessageContaining("granitemoe, llama, olmoe, qwen2, qwen2moe, qwen3, qwen3moe");
    }

    @Test
    void missing_tensor_names_the_tensor_and_the_architecture() {
        WeightSource src = RandomModel.generate(ModelShape.tiny("qwen2moe"), 120, 1).inMemory();
        assertThatThrownBy(() -> ModelLoader.load(edited(src, src.metadata(), "blk.1.ffn_gate_inp_shexp.weight")))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("blk.1.ffn_gate_inp_shexp.weight")
                .hasMessageContaining("qwen2moe");
    }

    @Test
    void missing_required_key_is_named() {
        WeightSource src = RandomModel.generate(ModelShape.tiny("granitemoe"), 120, 1).inMemory();
        Map<String, Object> md = new HashMap<>(src.metadata());
        md.remove("granitemoe.logit_scale");
        assertThatThrownBy(() -> ModelLoader.load(edited(src, md, "")))
                .hasMessageContaining("granitemoe.logit_scale");
    }

    @Test
    void unsupported_rope_scaling_is_refused_with_the_values() {
        WeightSource src = RandomModel.generate(ModelShape.tiny("deepseek2"), 120, 1).inMemory();
        Map<String, Object> md = new HashMap<>(src.metadata());
        md.put("deepseek2.rope.scaling.type", "longrope");
        md.put("deepseek2.rope.scaling.factor", 40f);
        assertThatThrownBy(() -> ModelLoader.load(edited(src, md, "")))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("deepseek2.rope.scaling.type is 'longrope'")
                .hasMessageContaining("supported: none, linear, yarn");
    }

    @Test
    void bad_rope_scaling_values_are_refused_with_the_values() {
        WeightSource src = RandomModel.generate(ModelShape.tiny("llama"), 120, 1).inMemory();
        Map<String, Object> md = new HashMap<>(src.metadata());
        md.put("llama.rope.scaling.type", "yarn");
        md.put("llama.rope.scaling.factor", -2f);
        assertThatThrownBy(() -> ModelLoader.load(edited(src, md, "")))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("llama.rope.scaling.factor is -2.0");
        md.put("llama.rope.scaling.factor", 4f);
        md.put("llama.rope.scaling.original_context_length", -1);
        assertThatThrownBy(() -> ModelLoader.load(edited(src, md, "")))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("original_context_length is -1");
    }

    @Test
    void yarn_scaling_is_read_as_llama_cpp_derives_it() throws Exception {
        WeightSource src = RandomModel.generate(ModelShape.tiny("deepseek2"), 120, 1).inMemory();
        Map<String, Object> md = new HashMap<>(src.metadata());
        md.put("deepseek2.rope.scaling.type", "yarn");
        md.put("deepseek2.rope.scaling.factor", 40f);
        md.put("deepseek2.rope.scaling.original_context_length", 4096);
        md.put("deepseek2.rope.scaling.yarn_log_multiplier", 0.1f);
        ModelConfig.Attention a = ModelLoader.load(edited(src, md, "")).config().attention();
        assertThat(a.ropeScaling().type()).isEqualTo(ModelConfig.ScalingType.YARN);
        assertThat(a.ropeScaling().freqScale()).isEqualTo(1f / 40f);
        assertThat(a.ropeScaling().originalContext()).isEqualTo(4096);
        assertThat(a.ropeScaling().extFactor()).isEqualTo(1f);
        // mscale = 1 + 0.1 ln 40; kq_scale = mscale^2 / sqrt(24); rotation magnitude pre-divided by 1 + 0.1 ln 40
        double m = 1 + 0.1 * Math.log(40);
        assertThat((double) a.kqScale()).isCloseTo(m * m / Math.sqrt(24), org.assertj.core.data.Offset.offset(1e-6));
        assertThat((double) a.ropeScaling().attnFactor()).isCloseTo(1 / m, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void tied_output_uses_the_embedding_when_output_is_absent() {
        Model m = ModelLoader.load(RandomModel.generate(ModelShape.tiny("qwen3moe").withTiedOutput(true), 120, 1)
                .inMemory());
        float[][] logits = m.forward(Batch.of(m.newCache(8), 0, 5, 6)).getFirst();
        assertThat(logits).hasDimensions(1, 120);
    }

    @Test
    void context_limit_is_reported_with_counts_and_fix() {
        Model m = ModelLoader.load(RandomModel.generate(ModelShape.tiny("llama"), 120, 1).inMemory());
        KvCache cache = m.newCache(4);
        assertThatThrownBy(() -> m.forward(Batch.of(cache, 0, 1, 2, 3, 4)))
                .isInstanceOf(ContextLimitException.class)
                .hasMessageContaining("5 tokens")
                .hasMessageContaining("limit is 4")
                .hasMessageContaining("shorten the prompt");
        assertThat(cache.length()).isZero();
    }
}
