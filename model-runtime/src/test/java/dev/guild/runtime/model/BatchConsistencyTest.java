package dev.guild.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.guild.runtime.model.testing.ModelShape;
import dev.guild.runtime.model.testing.RandomModel;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A prompt processed as one prefill chunk, token by token, or mixed into a batch with another
 * sequence must give the same logits: positions, KV caches and expert grouping are per sequence.
 */
class BatchConsistencyTest {

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("llama", ModelShape.tiny("llama")),
                Arguments.of("mixtral", ModelShape.tiny("mixtral")),
                Arguments.of("granitemoe", ModelShape.tiny("granitemoe").withTiedOutput(true)),
                Arguments.of("qwen2", ModelShape.tiny("qwen2")),
                Arguments.of("qwen2moe", ModelShape.tiny("qwen2moe")),
                Arguments.of("qwen3", ModelShape.tiny("qwen3")),
                Arguments.of("qwen3moe", ModelShape.tiny("qwen3moe")),
                Arguments.of("olmoe", ModelShape.tiny("olmoe")),
                Arguments.of("deepseek2 legacy", ModelShape.tiny("deepseek2")),
                Arguments.of("deepseek2 split lite sigmoid groups", ModelShape.tiny("deepseek2")
                        .withVariant(new ModelShape.Variant(true, 0, true, 4, 2))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void prefill_decode_and_mixed_batches_agree(String label, ModelShape shape) {
        Model model = ModelLoader.load(RandomModel.generate(shape, 160, 42).inMemory());
        int[] prompt = {0, 17, 33, 5, 99, 120, 64, 3};
        int[] other = {0, 40, 41, 42};

        KvCache whole = model.newCache(64);
        float[][] all = model.forward(new Batch(List.of(new Batch.Entry(whole, prompt, true)))).getFirst();

        KvCache stepwise = model.newCache(64);
        KvCache otherCache = model.newCache(64);
        model.forward(Batch.of(otherCache, other));
        for (int i = 0; i < prompt.length; i++) {
            // decode token i of the prompt in the same step as a decode token of another sequence
            List<float[][]> out = model.forward(new Batch(List.of(
                    new Batch.Entry(otherCache, new int[] {7 + i}, false),
                    new Batch.Entry(stepwise, new int[] {prompt[i]}, false))));
            float[] got = out.get(1)[0];
            for (int v = 0; v < got.length; v++) {
                assertThat(got[v]).as("logit %d at position %d", v, i).isCloseTo(all[i][v], within(2e-3f));
            }
        }
        assertThat(whole.length()).isEqualTo(prompt.length);
        assertThat(stepwise.length()).isEqualTo(prompt.length);
        assertThat(otherCache.length()).isEqualTo(other.length + prompt.length);
    }
}
