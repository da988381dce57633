package dev.guild.runtime.model;

import dev.guild.runtime.kernel.KernelConfig;
import dev.guild.runtime.kernel.Kernels;
import dev.guild.runtime.kernel.TensorOps;
import dev.guild.runtime.model.ModelConfig.Gating;
import java.util.Arrays;

/**
 * Expert selection for one token as llama.cpp's {@code build_moe_ffn} does it:
 * <ol>
 *   <li>probs = softmax or sigmoid of the router logits;</li>
 *   <li>selection scores = probs + selection bias ({@code exp_probs_b}, DeepSeek-V3), if any;</li>
 *   <li>group-limited routing when groups &gt; 1: a group scores the sum of its two best selection
 *       scores; only the best {@code groupsUsed} groups stay eligible;</li>
 *   <li>the top-k eligible experts by selection score; their weights are the unbiased probs;</li>
 *   <li>optionally renormalised to sum to one (divided by max(sum, 6.1035e-5)), then multiplied by
 *       the scale unless it is 0 or 1.</li>
 * </ol>
 *
 * @param gating     softmax or sigmoid
 * @param topK       experts per token
 * @param normalize  renormalise the selected weights
 * @param scale      weight multiplier (0 or 1: none)
 * @param groups     expert groups (1: plain top-k)
 * @param groupsUsed groups kept when groups &gt; 1
 * @param bias       per-expert selection bias, or null
 */
public record MoeRouter(Gating gating, int topK, boolean normalize, float scale, int groups, int groupsUsed,
                        float[] bias) {

    private static final float MIN_WEIGHT_SUM = 6.103515625e-5f;
    private static final TensorOps OPS =
            Kernels.ops(KernelConfig.defaults().withImplementation(KernelConfig.Implementation.REFERENCE));

    public MoeRouter {
        if (topK <= 0) {
            throw new IllegalArgumentException("experts used per token must be positive, got " + topK);
        }
        if (groups < 1 || groupsUsed < 1 || groupsUsed > groups) {
            throw new IllegalArgumentException("expert groups %d with %d used is invalid: need 1 <= used <= groups"
                    .formatted(groups, groupsUsed));
        }
    }

    /**
     * Routes one token.
     *
     * @param logits  router logits, {@code experts} of them starting at {@code off}
     * @param experts number of experts
     * @param selected receives the chosen experts, best first (length topK)
     * @param weights  receives their routing weights
     */
    public void route(float[] logits, int off, int experts, int[] selected, float[] weights) {
        if (experts % groups != 0) {
            throw new IllegalArgumentException("%d experts cannot form %d equal groups".formatted(experts, groups));
        }
        if (topK > experts) {
            throw new IllegalArgumentException("cannot select %d of %d experts".formatted(topK, experts));
        }
        float[] probs = Arrays.copyOfRange(logits, off, off + experts);
        if (gating == Gating.SOFTMAX) {
            OPS.softmax(probs, 0, experts);
        } else {
            for (int e = 0; e < experts; e++) {
                probs[e] = 1f / (1f + (float) Math.exp(-probs[e])); // ggml_vec_sigmoid_f32, in float
            }
        }
        float[] select = probs.clone();
        if (bias != null) {
            for (int e = 0; e < experts; e++) {
                select[e] += bias[e];
            }
        }
        if (groups > 1) {
            maskGroups(select, experts);
        }
        int[] order = topK(select, topK);
        double sum = 0;
        for (int i = 0; i < topK; i++) {
            selected[i] = order[i];
            weights[i] = probs[order[i]];
            sum += weights[i];
        }
        if (normalize) {
            float denom = Math.max((float) sum, MIN_WEIGHT_SUM);
            for (int i = 0; i < topK; i++) {
                weights[i] /= denom;
            }
        }
        if (scale != 0f && scale != 1f) {
            for (int i = 0; i < topK; i++) {
                weights[i] *= scale;
            }
        }
    }

    private void maskGroups(float[] select, int experts) {
        int perGroup = experts / groups;
        float[] groupScore = new float[groups];
        for (int g = 0; g < groups; g++) {
            float[] members = Arrays.copyOfRange(select, g * perGroup, (g + 1) * perGroup);
            int[] best = topK(members, Math.min(2, perGroup));
            float s = 0f;
            for (int b : best) {
                s += members[b];
            }
            groupScore[g] = s;
        }
        boolean[] keep = new boolean[groups];
        for (int g : topK(groupScore, groupsUsed)) {
            keep[g] = true;
        }
        for (int g = 0; g < groups; g++) {
            if (!keep[g]) {
                Arrays.fill(select, g * perGroup, (g + 1) * perGroup, Float.NEGATIVE_INFINITY);
            }
        }
    }

    /** Indices of the k largest values, largest first; ties go to the lower index. */
    private static int[] topK(float[] values, int k) {
        int[] best = new int[k];
        OPS.topK(values, 0, values.length, k, best);
        return best;
    }
}
