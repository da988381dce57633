package dev.guild.runtime.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guild.runtime.model.Batch;
import dev.guild.runtime.model.ContextLimitException;
import dev.guild.runtime.model.KvCache;
import dev.guild.runtime.model.Model;
import dev.guild.runtime.model.ModelLoader;
import dev.guild.runtime.model.testing.ModelShape;
import dev.guild.runtime.model.testing.RandomModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GeneratorTest {

    private static final Model MODEL = ModelLoader.load(
            RandomModel.generate(ModelShape.tiny("granitemoe"), 140, 5).inMemory());
    private static final int[] PROMPT = {0, 20, 30, 40};

    private static int greedyNext(int[] tokens) {
        KvCache c = MODEL.newCache(64);
        float[] logits = MODEL.forward(Batch.of(c, tokens)).getFirst()[0];
        return Sampler.argmax(logits);
    }

    @Test
    void greedy_generation_streams_the_argmax_tokens_and_stops_at_max_tokens() {
        List<Integer> streamed = new ArrayList<>();
        GenerationResult r = Generator.generate(MODEL, GenerationRequest.greedy(PROMPT, 5, Set.of()), streamed::add);
        assertThat(r.tokens()).hasSize(5);
        assertThat(streamed).containsExactly(r.tokens()[0], r.tokens()[1], r.tokens()[2], r.tokens()[3], r.tokens()[4]);
        assertThat(r.stopReason()).isEqualTo(GenerationResult.StopReason.MAX_TOKENS);
        assertThat(r.promptTokens()).isEqualTo(4);
        // the first two tokens recomputed from scratch (no cache reuse) agree
        assertThat(r.tokens()[0]).isEqualTo(greedyNext(PROMPT));
        assertThat(r.tokens()[1]).isEqualTo(greedyNext(new int[] {0, 20, 30, 40, r.tokens()[0]}));
    }

    @Test
    void a_stop_token_ends_generation_and_is_not_emitted() {
        int[] free = Generator.generate(MODEL, GenerationRequest.greedy(PROMPT, 6, Set.of()), t -> { }).tokens();
        int stop = free[2];
        GenerationResult r = Generator.generate(MODEL, GenerationRequest.greedy(PROMPT, 6, Set.of(stop)), t -> { });
        assertThat(r.stopReason()).isEqualTo(GenerationResult.StopReason.STOP_TOKEN);
        assertThat(r.tokens()).doesNotContain(stop);
        assertThat(r.tokens().length).isLessThanOrEqualTo(2);
    }

    @Test
    void generation_stops_when_the_context_is_full() {
        GenerationResult r = Generator.generate(MODEL,
                GenerationRequest.greedy(PROMPT, 100, Set.of()).withContextLimit(7), t -> { });
        assertThat(r.stopReason()).isEqualTo(GenerationResult.StopReason.CONTEXT_FULL);
        assertThat(r.tokens()).hasSize(3);
    }

    @Test
    void a_prompt_that_fills_the_context_is_rejected_with_counts_and_a_fix() {
        assertThatThrownBy(() -> Generator.generate(MODEL,
                GenerationRequest.greedy(PROMPT, 10, Set.of()).withContextLimit(4), t -> { }))
                .isInstanceOf(ContextLimitException.class)
                .hasMessageContaining("the prompt has 4 tokens but the context limit is 4 tokens")
                .hasMessageContaining("shorten the prompt or raise the context limit");
    }

    @Test
    void empty_prompt_and_bad_max_tokens_are_rejected() {
        assertThatThrownBy(() -> GenerationRequest.greedy(new int[0], 5, Set.of()))
                .hasMessageContaining("the prompt has no tokens");
        assertThatThrownBy(() -> GenerationRequest.greedy(PROMPT, 0, Set.of()))
                .hasMessageContaining("maxTokens must be > 0, got 0");
    }
}
