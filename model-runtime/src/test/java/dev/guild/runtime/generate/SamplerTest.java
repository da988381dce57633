package dev.guild.runtime.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SamplerTest {

    private static final float[] LOGITS = {1.0f, 3.0f, 2.5f, -1.0f, 0.5f, 2.9f};

    private static Map<Integer, Integer> histogram(SamplingParams p, int draws) {
        Sampler s = new Sampler(p, Set.of());
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < draws; i++) {
            counts.merge(s.sample(LOGITS, new int[0], 0), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void greedy_picks_the_largest_logit() {
        assertThat(new Sampler(SamplingParams.greedy(), Set.of()).sample(LOGITS, new int[0], 0)).isEqualTo(1);
    }

    @Test
    void suppressed_tokens_are_never_chosen() {
        assertThat(new Sampler(SamplingParams.greedy(), Set.of(1)).sample(LOGITS, new int[0], 0)).isEqualTo(5);
    }

    @Test
    void repetition_penalty_moves_greedy_away_from_recent_tokens() {
        var p = SamplingParams.greedy().withRepetitionPenalty(1.5f, 64);
        // 3.0/1.5 = 2.0 and 2.9/1.5 < 2.5: token 2 wins
        assertThat(new Sampler(p, Set.of()).sample(LOGITS, new int[] {1, 5}, 2)).isEqualTo(2);
        // outside the window the penalty does not apply
        var narrow = SamplingParams.greedy().withRepetitionPenalty(1.5f, 1);
        assertThat(new Sampler(narrow, Set.of()).sample(LOGITS, new int[] {1, 4}, 2)).isEqualTo(1);
    }

    @Test
    void top_k_limits_the_candidates() {
        var p = SamplingParams.DEFAULT.withTemperature(5f).withTopK(2).withTopP(1f).withMinP(0f);
        assertThat(histogram(p, 2000).keySet()).containsExactlyInAnyOrder(1, 5);
    }

    @Test
    void top_p_keeps_the_smallest_set_reaching_p() {
        // probabilities at temperature 1: 1 -> 0.364, 5 -> 0.329, 2 -> 0.221: p = 0.65 keeps tokens 1 and 5
        var p = SamplingParams.DEFAULT.withTemperature(1f).withTopK(0).withTopP(0.65f).withMinP(0f);
        assertThat(histogram(p, 2000).keySet()).containsExactlyInAnyOrder(1, 5);
    }

    @Test
    void min_p_drops_unlikely_tokens() {
        var p = SamplingParams.DEFAULT.withTemperature(1f).withTopK(0).withTopP(1f).withMinP(0.5f);
        assertThat(histogram(p, 2000).keySet()).containsExactlyInAnyOrder(1, 2, 5);
    }

    @Test
    void same_seed_same_tokens_and_another_seed_differs() {
        var p = SamplingParams.DEFAULT.withTemperature(2f).withTopK(0).withTopP(1f).withMinP(0f);
        int[] a = draws(p.withSeed(7));
        assertThat(draws(p.withSeed(7))).containsExactly(a);
        assertThat(draws(p.withSeed(8))).isNotEqualTo(a);
    }

    private static int[] draws(SamplingParams p) {
        Sampler s = new Sampler(p, Set.of());
        int[] out = new int[50];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.sample(LOGITS, new int[0], 0);
        }
        return out;
    }

    @Test
    void invalid_parameters_are_all_reported() {
        assertThatThrownBy(() -> new SamplingParams(-1f, -2, 0f, 2f, 0f, -1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("temperature must be a finite number >= 0, got -1.0")
                .hasMessageContaining("topK must be >= 0")
                .hasMessageContaining("topP must be in (0, 1], got 0.0")
                .hasMessageContaining("minP must be in [0, 1], got 2.0")
                .hasMessageContaining("repetitionPenalty")
                .hasMessageContaining("repeatLastN");
    }

    @Test
    void top_k_selection_equals_the_first_k_of_the_full_sort_ties_included() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(12);
        for (int trial = 0; trial < 50; trial++) {
            float[] l = new float[500];
            for (int i = 0; i < l.length; i++) {
                l[i] = r.nextInt(4) == 0 ? Float.NEGATIVE_INFINITY : r.nextInt(60) / 4f; // many ties
            }
            int[] all = Sampler.candidates(l, 0);
            for (int k : new int[] {1, 7, 40, 499}) {
                assertThat(Sampler.candidates(l, k)).containsExactly(java.util.Arrays.copyOf(all, k));
            }
        }
    }
}
