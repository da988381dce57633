package dev.guild.runtime.generate;

import java.util.Arrays;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Chooses tokens from logits under {@link SamplingParams}; one sampler per sequence (it owns the
 * seeded random generator). Suppressed tokens (for example EOS when generation must run to the
 * end) are never chosen.
 */
public final class Sampler {

    private final SamplingParams params;
    private final Set<Integer> suppressed;
    private final SplittableRandom random;

    public Sampler(SamplingParams params, Set<Integer> suppressed) {
        this.params = params;
        this.suppressed = Set.copyOf(suppressed);
        this.random = new SplittableRandom(params.seed());
    }

    /**
     * @param logits  one logit per vocabulary token (not modified)
     * @param history tokens so far (prompt and generated), most recent last
     * @param length  how many entries of history are valid
     */
    public int sample(float[] logits, int[] history, int length) {
        float[] l = logits.clone();
        for (int id : suppressed) {
            if (id >= 0 && id < l.length) {
                l[id] = Float.NEGATIVE_INFINITY;
            }
        }
        penalize(l, history, length);
        if (params.temperature() == 0f) {
            return argmax(l);
        }
        Integer[] order = new Integer[l.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(l[b], l[a]));
        int keep = l.length;
        while (keep > 1 && l[order[keep - 1]] == Float.NEGATIVE_INFINITY) {
            keep--;
        }
        if (params.topK() > 0) {
            keep = Math.min(keep, params.topK());
        }
        double[] p = softmax(l, order, keep, 1f);
        if (params.topP() < 1f) {
            double cum = 0;
            for (int i = 0; i < keep; i++) {
                cum += p[i];
                if (cum >= params.topP()) {
                    keep = i + 1;
                    break;
                }
            }
        }
        if (params.minP() > 0f) {
            int i = 1;
            while (i < keep && p[i] >= params.minP() * p[0]) {
                i++;
            }
            keep = i;
        }
        p = softmax(l, order, keep, params.temperature());
        double r = random.nextDouble();
        double cum = 0;
        for (int i = 0; i < keep; i++) {
            cum += p[i];
            if (r < cum) {
                return order[i];
            }
        }
        return order[keep - 1];
    }

    private void penalize(float[] l, int[] history, int length) {
        float penalty = params.repetitionPenalty();
        if (penalty == 1f || params.repeatLastN() == 0) {
            return;
        }
        boolean[] seen = new boolean[l.length];
        for (int i = Math.max(0, length - params.repeatLastN()); i < length; i++) {
            int id = history[i];
            if (id >= 0 && id < l.length && !seen[id]) {
                seen[id] = true;
                l[id] = l[id] > 0 ? l[id] / penalty : l[id] * penalty;
            }
        }
    }

    /** Index of the largest logit; ties go to the lowest index. */
    static int argmax(float[] l) {
        int best = 0;
        for (int i = 1; i < l.length; i++) {
            if (l[i] > l[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double[] softmax(float[] l, Integer[] order, int keep, float temperature) {
        double[] p = new double[keep];
        double max = l[order[0]] / temperature;
        double sum = 0;
        for (int i = 0; i < keep; i++) {
            p[i] = Math.exp(l[order[i]] / temperature - max);
            sum += p[i];
        }
        for (int i = 0; i < keep; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
