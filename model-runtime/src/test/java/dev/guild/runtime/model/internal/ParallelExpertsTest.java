package dev.guild.runtime.model.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guild.runtime.kernel.KernelConfig;
import dev.guild.runtime.model.Batch;
import dev.guild.runtime.model.KvCache;
import dev.guild.runtime.model.Model;
import dev.guild.runtime.model.ModelLoader;
import dev.guild.runtime.model.testing.ModelShape;
import dev.guild.runtime.model.testing.RandomModel;
import dev.guild.runtime.tensor.GgmlType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The MoE layer runs its selected experts in parallel, split into row chunks when few experts are selected
 * for many threads. On one thread every expert runs whole, one after the other (the plain grouped path);
 * on three or four threads the same step runs as (expert, row chunk) units: every logit must be the same
 * bits, for prefill, batch-1 decode and mixed decode batches.
 */
class ParallelExpertsTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("qwen2moe", ModelShape.tiny("qwen2moe").withEmbedding(256, 256, 256), GgmlType.Q4_K),
                Arguments.of("olmoe", ModelShape.tiny("olmoe").withEmbedding(128, 128, 192), GgmlType.Q8_0),
                Arguments.of("granitemoe", ModelShape.tiny("granitemoe").withEmbedding(128, 128, 128), GgmlType.F32),
                Arguments.of("deepseek2", ModelShape.tiny("deepseek2"), GgmlType.Q8_0));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("cases")
    void logits_are_identical_on_one_and_several_threads(String label, ModelShape shape, GgmlType type,
                                                         @TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.gguf");
        RandomModel.generate(shape, 160, 11).writeGguf(file, type);
        KernelConfig one = KernelConfig.defaults().withThreads(1);
        List<float[]> serial = run(file, one);
        for (int threads : new int[] {3, 4}) {
            List<float[]> parallel = run(file, one.withThreads(threads));
            assertThat(parallel).hasSameSizeAs(serial);
            for (int i = 0; i < serial.size(); i++) {
                assertThat(parallel.get(i)).as("logits row %d on %d threads", i, threads).containsExactly(serial.get(i));
            }
        }
    }

    /** A prefill of 20 (the outer-product tile kernel takes batches of 16 or more), then 3 decode steps of a batch of three sequences, then 2 batch-1 steps. */
    private static List<float[]> run(Path file, KernelConfig kernels) throws Exception {
        List<float[]> rows = new ArrayList<>();
        try (Model model = ModelLoader.open(file, kernels)) {
            KvCache a = model.newCache(64);
            KvCache b = model.newCache(64);
            KvCache c = model.newCache(64);
            rows.addAll(List.of(model.forward(new Batch(List.of(
                    new Batch.Entry(a, new int[] {0, 17, 33, 5, 99, 120, 64, 3, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 19, 20}, true)))).getFirst()));
            model.forward(Batch.of(b, 40));
            model.forward(Batch.of(c, 41));
            for (int step = 0; step < 3; step++) {
                for (float[][] out : model.forward(new Batch(List.of(new Batch.Entry(a, new int[] {7 + step}, false),
                        new Batch.Entry(b, new int[] {20 + step}, false), new Batch.Entry(c, new int[] {30 + step}, false))))) {
                    rows.add(out[0]);
                }
            }
            for (int step = 0; step < 2; step++) {
                rows.add(model.forward(Batch.of(a, 50 + step)).getFirst()[0]);
            }
        }
        return rows;
    }

    @Test
    void chunks_cover_many_threads_when_few_experts_are_selected() {
        assertThat(MoeFfn.chunks(256, 8, 1)).isEqualTo(1);
        assertThat(MoeFfn.chunks(256, 32, 2)).isEqualTo(1);
        assertThat(MoeFfn.chunks(1024, 8, 16)).isEqualTo(8);
        assertThat(MoeFfn.chunks(256, 2, 16)).isEqualTo(4);
        assertThat(MoeFfn.chunks(200, 2, 16)).as("rows not a multiple of 64 stay whole").isEqualTo(1);
    }
}
