package dev.guild.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guild.runtime.model.testing.ModelShape;
import dev.guild.runtime.model.testing.RandomModel;
import dev.guild.runtime.tensor.GgmlType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Newer GGUFs store each MoE layer's gate and up experts as one tensor, {@code ffn_gate_up_exps} (ne = {embd,
 * 2 * ff, experts}: each expert's gate rows, then its up rows, as llama.cpp's {@code build_moe_ffn} splits it).
 * llama.cpp b4916 (the reference jar) predates that layout, so the merged file is checked against the split
 * file holding the same quantized rows: every logit must be identical.
 */
class MergedGateUpExpertsTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("olmoe", ModelShape.tiny("olmoe"), GgmlType.Q8_0),
                Arguments.of("qwen2moe", ModelShape.tiny("qwen2moe").withEmbedding(256, 256, 256), GgmlType.Q4_K),
                Arguments.of("deepseek2", ModelShape.tiny("deepseek2"), GgmlType.F32));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("cases")
    void merged_gate_up_experts_compute_what_split_experts_compute(String label, ModelShape shape, GgmlType type,
                                                                    @TempDir Path dir) throws Exception {
        RandomModel split = RandomModel.generate(shape, 160, 7);
        RandomModel merged = merge(split);
        assertThat(merged.tensors()).anyMatch(t -> t.name().endsWith("ffn_gate_up_exps.weight"))
                .noneMatch(t -> t.name().endsWith("ffn_gate_exps.weight"));
        Path a = dir.resolve("split.gguf");
        Path b = dir.resolve("merged.gguf");
        split.writeGguf(a, type);
        merged.writeGguf(b, type);
        int[] prompt = {0, 17, 33, 5, 99, 120, 64, 3};
        try (Model ms = ModelLoader.open(a); Model mm = ModelLoader.open(b)) {
            KvCache cs = ms.newCache(32);
            KvCache cm = mm.newCache(32);
            float[][] ls = ms.forward(new Batch(List.of(new Batch.Entry(cs, prompt, true)))).getFirst();
            float[][] lm = mm.forward(new Batch(List.of(new Batch.Entry(cm, prompt, true)))).getFirst();
            for (int i = 0; i < prompt.length; i++) {
                assertThat(lm[i]).as("logits at position %d", i).containsExactly(ls[i]);
            }
            for (int step = 0; step < 4; step++) {
                float[] ds = ms.forward(Batch.of(cs, 11 + step)).getFirst()[0];
                float[] dm = mm.forward(Batch.of(cm, 11 + step)).getFirst()[0];
                assertThat(dm).as("decode step %d", step).containsExactly(ds);
            }
        }
    }

    @Test
    void a_misshaped_merged_tensor_is_refused_with_its_shape() {
        RandomModel merged = merge(RandomModel.generate(ModelShape.tiny("olmoe"), 160, 7));
        List<RandomModel.Tensor> tensors = new ArrayList<>();
        for (RandomModel.Tensor t : merged.tensors()) {
            if (t.name().equals("blk.0.ffn_gate_up_exps.weight")) {
                long[] d = t.dims();
                int half = Math.toIntExact(d[0] * d[1] / 2 * d[2]);
                t = new RandomModel.Tensor(t.name(), new long[] {d[0], d[1] / 2, d[2]}, java.util.Arrays.copyOf(t.values(), half), true);
            }
            tensors.add(t);
        }
        RandomModel bad = new RandomModel(merged.metadata(), tensors);
        assertThatThrownBy(() -> ModelLoader.load(bad.inMemory()))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("blk.0.ffn_gate_up_exps.weight");
    }

    /** The same model with each layer's ffn_gate_exps and ffn_up_exps merged into ffn_gate_up_exps. */
    static RandomModel merge(RandomModel m) {
        Map<String, RandomModel.Tensor> byName = new HashMap<>();
        m.tensors().forEach(t -> byName.put(t.name(), t));
        List<RandomModel.Tensor> out = new ArrayList<>();
        for (RandomModel.Tensor t : m.tensors()) {
            String name = t.name();
            if (name.endsWith("ffn_up_exps.weight")) {
                continue;
            }
            if (name.endsWith("ffn_gate_exps.weight")) {
                RandomModel.Tensor up = byName.get(name.replace("ffn_gate_exps", "ffn_up_exps"));
                int cols = Math.toIntExact(t.dims()[0]);
                int rows = Math.toIntExact(t.dims()[1]);
                int experts = Math.toIntExact(t.dims()[2]);
                float[] v = new float[2 * rows * cols * experts];
                for (int e = 0; e < experts; e++) {
                    System.arraycopy(t.values(), e * rows * cols, v, 2 * e * rows * cols, rows * cols);
                    System.arraycopy(up.values(), e * rows * cols, v, (2 * e + 1) * rows * cols, rows * cols);
                }
                out.add(new RandomModel.Tensor(name.replace("ffn_gate_exps", "ffn_gate_up_exps"),
                        new long[] {cols, 2L * rows, experts}, v, true));
                continue;
            }
            out.add(t);
        }
        return new RandomModel(m.metadata(), out);
    }
}
