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

/** Prefix caching on the paged KV cache: shared blocks give the same greedy tokens as without the cache. */
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
    void a_growing_transcript_reuses_its_prefix_blocks_prefills_only_the_new_tokens_and_gives_identical_tokens()
            throws Exception {
        int block = 8;
        try (Model model = ModelLoader.load(RandomModel.generate(ModelShape.tiny("olmoe"), 160, 21).inMemory());
             Scheduler cached = new Scheduler(model, SchedulerConfig.DEFAULTS.withPrefillChunk(16).withKvBlockTokens(block));
             Scheduler plain = new Scheduler(model, SchedulerConfig.DEFAULTS.withPrefixCaching(false))) {
            SplittableRandom r = new SplittableRandom(4);
            int[] transcript = new int[40];
            for (int i = 0; i < transcript.length; i++) {
                transcript[i] = 2 + r.nextInt(150);
            }
            int previouslyCached = 0; // positions the previous step left in full blocks
            long reusedSum = 0;
            for (int step = 0; step < 4; step++) {
                long prefilledBefore = cached.metrics().promptTokens();
                int[] withCache = run(cached, transcript, 8);
                int[] without = run(plain, transcript, 8);
                int[] reference = Generator.generate(model, GenerationRequest.greedy(transcript, 8, Set.of()), t -> { })
                        .tokens();
                assertThat(withCache).as("step %d", step).containsExactly(reference);
                assertThat(without).as("step %d", step).containsExactly(reference);
                int reused = Math.min(previouslyCached, (transcript.length - 1) / block * block);
                assertThat(cached.metrics().promptTokens() - prefilledBefore)
                        .as("step %d prefills only what is not in the cache", step)
                        .isEqualTo(transcript.length - reused);
                reusedSum += reused;
                // the cache holds the prompt and all generated tokens but the last (never fed back)
                previouslyCached = (transcript.length + withCache.length - 1) / block * block;
                int[] tool = new int[10];
                for (int i = 0; i < tool.length; i++) {
                    tool[i] = 2 + r.nextInt(150);
                }
                transcript = concat(concat(transcript, withCache), tool); // the next step resends all and adds
            }
            SchedulerMetrics m = cached.metrics();
            assertThat(reusedSum).isEqualTo(40 + 64 + 80);
            assertThat(m.promptTokensReused()).isEqualTo(reusedSum);
            assertThat(m.prefixHitRate()).isGreaterThan(0.5);
            assertThat(plain.metrics().promptTokensReused()).isZero();
            assertThat(m.prefixCachedTokens()).isPositive();
            assertThat(m.kvReservedTokens()).as("nothing pinned once all requests ended").isZero();
        }
    }

    @Test
    void concurrent_requests_with_a_common_system_prompt_share_its_blocks_and_match_each_alone() throws Exception {
        try (Model model = ModelLoader.load(RandomModel.generate(ModelShape.tiny("qwen2moe"), 160, 8).inMemory());
             Scheduler s = new Scheduler(model, SchedulerConfig.DEFAULTS.withKvBlockTokens(4).withPrefillChunk(8))) {
            SplittableRandom r = new SplittableRandom(9);
            int[] system = new int[24];
            for (int i = 0; i < system.length; i++) {
                system[i] = 2 + r.nextInt(150);
            }
            run(s, system, 1); // warms the cache with the system prompt
            java.util.List<int[]> prompts = new java.util.ArrayList<>();
            java.util.List<RequestHandle> handles = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int[] p = concat(system, new int[] {3 + i, 50 + i, 90 + i});
                prompts.add(p);
                handles.add(s.submit(new GenerationJob(p, 6, SamplingParams.greedy(), Set.of(), Optional.empty(),
                        TokenListener.NONE)));
            }
            for (int i = 0; i < 6; i++) {
                assertThat(handles.get(i).result().get(60, TimeUnit.SECONDS).tokens()).as("request %d", i)
                        .containsExactly(Generator.generate(model, GenerationRequest.greedy(prompts.get(i), 6, Set.of()),
                                t -> { }).tokens());
            }
            assertThat(s.metrics().promptTokensReused()).isEqualTo(6 * 24); // the 6 full blocks of the system prompt
        }
    }

    @Test
    void cached_blocks_give_way_when_the_kv_budget_is_needed() throws Exception {
        try (Model model = ModelLoader.load(RandomModel.generate(ModelShape.tiny("llama"), 160, 5).inMemory());
             Scheduler s = new Scheduler(model, SchedulerConfig.DEFAULTS.withKvBudgetTokens(64).withKvBlockTokens(8))) {
            int[] a = {0, 5, 6, 7, 8, 9, 10, 11, 12, 13};
            run(s, a, 20);
            assertThat(s.metrics().prefixCachedTokens()).isEqualTo(24); // 10 + 19 positions: 3 full blocks
            int[] b = {0, 50, 60, 70, 80, 90, 100, 110, 120, 130};
            int[] got = run(s, b, 50); // 60 positions = 8 blocks: the whole budget, the cached blocks are evicted
            assertThat(got).containsExactly(Generator.generate(model, GenerationRequest.greedy(b, 50, Set.of()), t -> { })
                    .tokens());
            assertThat(s.metrics().prefixCachedTokens()).isEqualTo(56); // 10 + 49 positions: 7 full blocks
        }
    }
}
