package dev.guild.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.guild.runtime.model.ModelConfig.Gating;
import org.junit.jupiter.api.Test;

class MoeRouterTest {

    private static final float[] LOGITS = {0.1f, 2.0f, -1.0f, 1.5f, 0.0f, 3.0f, -0.5f, 1.0f};

    private static double softmax(int i) {
        double sum = 0;
        for (float l : LOGITS) {
            sum += Math.exp(l);
        }
        return Math.exp(LOGITS[i]) / sum;
    }

    @Test
    void softmax_top2_without_renormalisation_keeps_the_probabilities() {
        var router = new MoeRouter(Gating.SOFTMAX, 2, false, 0f, 1, 1, null);
        int[] sel = new int[2];
        float[] w = new float[2];
        router.route(LOGITS, 0, 8, sel, w);
        assertThat(sel).containsExactly(5, 1);
        assertThat(w[0]).isCloseTo((float) softmax(5), within(1e-6f));
        assertThat(w[1]).isCloseTo((float) softmax(1), within(1e-6f));
    }

    @Test
    void renormalised_and_scaled_weights_sum_to_the_scale() {
        var router = new MoeRouter(Gating.SOFTMAX, 3, true, 2.5f, 1, 1, null);
        int[] sel = new int[3];
        float[] w = new float[3];
        router.route(LOGITS, 0, 8, sel, w);
        assertThat(sel).containsExactly(5, 1, 3);
        assertThat(w[0] + w[1] + w[2]).isCloseTo(2.5f, within(1e-5f));
        assertThat(w[0] / w[1]).isCloseTo((float) (softmax(5) / softmax(1)), within(1e-4f));
    }

    @Test
    void selection_bias_changes_the_choice_but_not_the_weights() {
        float[] bias = {0f, 0f, 5f, 0f, 0f, 0f, 0f, 0f};
        var router = new MoeRouter(Gating.SIGMOID, 2, false, 0f, 1, 1, bias);
        int[] sel = new int[2];
        float[] w = new float[2];
        router.route(LOGITS, 0, 8, sel, w);
        assertThat(sel).containsExactly(2, 5);
        assertThat(w[0]).isCloseTo((float) (1 / (1 + Math.exp(1.0))), within(1e-6f));
    }

    @Test
    void group_limited_routing_keeps_only_the_groups_with_the_best_top2_sums() {
        // groups of two: {0,1}=2.1 {2,3}=0.5 {4,5}=3.0 {6,7}=0.5 -> keep groups 0 and 2
        var router = new MoeRouter(Gating.SOFTMAX, 3, false, 0f, 4, 2, null);
        int[] sel = new int[3];
        float[] w = new float[3];
        router.route(new float[] {0.1f, 2.0f, -1.0f, 1.5f, 0.0f, 3.0f, -0.5f, 1.0f}, 0, 8, sel, w);
        assertThat(sel).containsExactly(5, 1, 0);
    }

    @Test
    void invalid_group_settings_are_rejected_with_the_values() {
        assertThatThrownBy(() -> new MoeRouter(Gating.SOFTMAX, 2, false, 0f, 4, 5, null))
                .hasMessageContaining("4").hasMessageContaining("5");
    }
}
