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
        int[] order = candidates(l, params.topK());
        int keep = order.length;
        while (keep > 1 && l[order[keep - 1]] == Float.NEGATIVE_INFINITY) {
            keep--;
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

    /**
     * Token ids by descending logit (ties by ascending id): the {@code topK} best when {@code topK > 0},
     * found in one pass without sorting the vocabulary, else all of them.
     */
    static int[] candidates(float[] l, int topK) {
        if (topK <= 0 || topK >= l.length) {
            Integer[] all = new Integer[l.length];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            Arrays.sort(all, (a, b) -> Float.compare(l[b], l[a]));
            int[] out = new int[all.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = all[i];
            }
            return out;
        }
        int[] top = new int[topK];
        int size = 0;
        for (int id = 0; id < l.length; id++) {
            float v = l[id];
            if (size == topK && !(v > l[top[size - 1]])) {
                continue; // not better than the worst kept (an equal logit keeps the smaller id)
            }
            int at = size == topK ? size - 1 : size++;
            while (at > 0 && l[top[at - 1]] < v) {
                top[at] = top[at - 1];
                at--;
            }
            top[at] = id;
        }
        return top;
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

    private static double[] softmax(float[] l, int[] order, int keep, float temperature) {
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
