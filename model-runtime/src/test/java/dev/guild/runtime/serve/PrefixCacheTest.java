package dev.guild.runtime.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guild.runtime.generate.GenerationRequest;
import dev.guild.runtime.generate.Generator;
import dev.guild.runtime.generate.SamplingParams;
import dev.guild.runtime.model.Model;
import dev.guild.runtime.model.ModelLoader;
import dev.guild.runtime.model.testing.ModelShape;
import dev.guild.runtime.model.testing.RandomModel;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Prefix caching: a replayed, growing agent transcript gives the same greedy tokens with and without the cache. */
class PrefixCacheTest {

    private static int[] run(Scheduler s, int[] prompt, int maxTokens) throws Exception {
        return s.submit(new GenerationJob(prompt, maxTokens, SamplingParams.greedy(), Set.of(), Optional.empty(),
                TokenListener.NONE)).result().get(60, TimeUnit.SECONDS).tokens();
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void a_growing_transcript_reuses_its_prefix_and_gives_identical_tokens() throws Exception {
        try (Model model = ModelLoader.load(RandomModel.generate(ModelShape.tiny("olmoe"), 160, 21).inMemory());
             Scheduler cached = new Scheduler(model, SchedulerConfig.DEFAULTS.withPrefillChunk(16));
             Scheduler plain = new Scheduler(model, SchedulerConfig.DEFAULTS.withPrefixCacheEntries(0))) {
            SplittableRandom r = new SplittableRandom(4);
            int[] transcript = new int[40];
            for (int i = 0; i < transcript.length; i++) {
                transcript[i] = 2 + r.nextInt(150);
            }
            for (int step = 0; step < 4; step++) {
                int[] withCache = run(cached, transcript, 8);
                int[] without = run(plain, transcript, 8);
                int[] reference = Generator.generate(model, GenerationRequest.greedy(transcript, 8, Set.of()), t -> { })
                        .tokens();
                assertThat(withCache).as("step %d", step).containsExactly(reference);
                assertThat(without).as("step %d", step).containsExactly(reference);
                int[] tool = new int[10];
                for (int i = 0; i < tool.length; i++) {
                    tool[i] = 2 + r.nextInt(150);
                }
                transcript = concat(concat(transcript, withCache), tool); // the next step resends all and adds
            }
            SchedulerMetrics m = cached.metrics();
            // steps 2-4 reuse the previous prompt plus all but the last generated token
            assertThat(m.promptTokensReused()).isEqualTo((40 + 7) + (58 + 7) + (76 + 7));
            assertThat(m.prefixHitRate()).isGreaterThan(0.5);
            assertThat(plain.metrics().promptTokensReused()).isZero();
            assertThat(m.prefixCachedTokens()).isPositive();
        }
    }

    @Test
    void pooled_caches_give_way_when_the_kv_budget_is_needed() throws Exception {
        try (Model model = ModelLoader.load(RandomModel.generate(ModelShape.tiny("llama"), 160, 5).inMemory());
             Scheduler s = new Scheduler(model, SchedulerConfig.DEFAULTS.withKvBudgetTokens(60))) {
            int[] a = {0, 5, 6, 7, 8, 9, 10, 11, 12, 13};
            run(s, a, 20);
            assertThat(s.metrics().prefixCachedTokens()).isEqualTo(10 + 19);
            int[] b = {0, 50, 60, 70, 80, 90, 100, 110, 120, 130};
            int[] got = run(s, b, 40); // 50 reserved: the pooled 29 positions must be evicted first
            assertThat(got).containsExactly(Generator.generate(model, GenerationRequest.greedy(b, 40, Set.of()), t -> { })
                    .tokens());
            assertThat(s.metrics().prefixCachedTokens()).isEqualTo(10 + 39);
        }
    }
}
