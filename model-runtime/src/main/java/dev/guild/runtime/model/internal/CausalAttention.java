package dev.guild.runtime.model.internal;

import dev.guild.runtime.kernel.TensorOps;
import dev.guild.runtime.kernel.internal.GgmlMath;
import dev.guild.runtime.kernel.internal.ScratchFloats;
import dev.guild.runtime.model.KvCache;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * softmax(scale · q·kᵀ) · v for every query head of every token of a step against its own
 * sequence's cached positions {@code 0..pos} (causal). Query heads share key/value heads in groups
 * (GQA); one key/value head serves all queries for MQA (MLA in absorbed form).
 *
 * <p>Blocked for long prompts: the work is split into units of up to {@link #TOKEN_TILE} consecutive tokens
 * of one sequence times up to {@link #HEADS_PER_UNIT} query heads of one key/value group, and each unit
 * walks the cache in blocks of {@link #KV_BLOCK} positions, every query row of the unit meeting a block while
 * it is in cache (a row at a time re-read the whole cache from memory for every token and head). Two passes
 * per unit: all scores, softmax per row, then the values. Each row sees the same operations in the same
 * order as a row on its own ({@link #score} per position, softmax over its positions, values added in
 * position order into llama.cpp's lanes, then their sums), so the result does not depend on the blocking.
 * Units run in parallel on the kernel pool, the costliest first.
 */
public final class CausalAttention {

    /** Below this many multiply-adds one thread is faster than forking. */
    private static final long PARALLEL_THRESHOLD = 1L << 15;
    /** Consecutive tokens of one sequence per unit. */
    static final int TOKEN_TILE = 16;
    /** Query heads of one key/value group per unit. */
    static final int HEADS_PER_UNIT = 4;
    /** Cached positions a unit's rows meet together (the paged cache's block). */
    static final int KV_BLOCK = 16;
    private static final ScratchFloats SCORES = new ScratchFloats();
    private static final ThreadLocal<float[][]> LANES = ThreadLocal.withInitial(() -> new float[0][]);

    private CausalAttention() {
    }

    /** One unit of work: tokens {@code [t0, t0+nt)} of one sequence, query heads {@code [h0, h0+nh)} of key/value head kvh. */
    private record Unit(int t0, int nt, int h0, int nh, int kvh, long cost) {
    }

    /**
     * @param q   tokens × heads × keyDim
     * @param out tokens × heads × valueDim (overwritten)
     */
    public static void compute(Compute compute, Step step, int layer, float[] q, int heads, int kvHeads, int keyDim,
                               int valueDim, float scale, float[] out) {
        TensorOps ops = compute.ops();
        int group = heads / kvHeads;
        int perUnit = Math.min(group, HEADS_PER_UNIT);
        List<Unit> units = new ArrayList<>();
        long work = 0;
        for (int t0 = 0; t0 < step.tokens; ) {
            int end = t0;
            while (end < step.tokens && step.entry[end] == step.entry[t0] && end - t0 < TOKEN_TILE) {
                end++;
            }
            long positions = step.pos[end - 1] + 1;
            for (int kvh = 0; kvh < kvHeads; kvh++) {
                for (int h0 = kvh * group; h0 < (kvh + 1) * group; h0 += perUnit) {
                    int nh = Math.min(perUnit, (kvh + 1) * group - h0);
                    units.add(new Unit(t0, end - t0, h0, nh, kvh, (end - t0) * nh * positions));
                }
            }
            work += (end - t0) * heads * positions * keyDim;
            t0 = end;
        }
        units.sort((a, b) -> Long.compare(b.cost(), a.cost()));
        Unit[] all = units.toArray(Unit[]::new);
        if (work > PARALLEL_THRESHOLD) {
            compute.pool().forEach(all.length, i -> attend(ops, step, layer, q, heads, keyDim, valueDim, scale, out, all[i]));
        } else {
            for (Unit u : all) {
                attend(ops, step, layer, q, heads, keyDim, valueDim, scale, out, u);
            }
        }
    }

    private static void attend(TensorOps ops, Step step, int layer, float[] q, int heads, int keyDim, int valueDim,
                               float scale, float[] out, Unit u) {
        KvCache cache = step.cache(u.t0());
        int last = step.pos[u.t0() + u.nt() - 1] + 1;
        int rows = u.nt() * u.nh();
        float[] scores = SCORES.get(rows * last);
        float[][] arrays = new float[KV_BLOCK][];
        int[] offsets = new int[KV_BLOCK];
        int kOff = u.kvh() * keyDim;
        int vOff = u.kvh() * valueDim;
        for (int p0 = 0; p0 < last; p0 += KV_BLOCK) {
            int p1 = Math.min(last, p0 + KV_BLOCK);
            for (int p = p0; p < p1; p++) {
                arrays[p - p0] = cache.keys(layer, p);
                offsets[p - p0] = cache.keyOffset(layer, p) + kOff;
            }
            for (int i = 0; i < u.nt(); i++) {
                int t = u.t0() + i;
                int pe = Math.min(p1, step.pos[t] + 1);
                for (int j = 0; j < u.nh(); j++) {
                    int qo = (t * heads + u.h0() + j) * keyDim;
                    int so = (i * u.nh() + j) * last;
                    for (int p = p0; p < pe; p++) {
                        scores[so + p] = score(ops, step, q, qo, arrays[p - p0], offsets[p - p0], keyDim, scale);
                    }
                }
            }
        }
        for (int i = 0; i < u.nt(); i++) {
            for (int j = 0; j < u.nh(); j++) {
                ops.softmax(scores, (i * u.nh() + j) * last, step.pos[u.t0() + i] + 1);
            }
        }
        // per row the weighted value sum in llama.cpp's lanes along the positions (GgmlMath.madd)
        boolean tinyBlas = valueOrder(step, valueDim);
        float[][] lanes = lanes(rows, GgmlMath.slots(tinyBlas) * valueDim);
        for (int p0 = 0; p0 < last; p0 += KV_BLOCK) {
            int p1 = Math.min(last, p0 + KV_BLOCK);
            for (int p = p0; p < p1; p++) {
                arrays[p - p0] = cache.values(layer, p);
                offsets[p - p0] = cache.valueOffset(layer, p) + vOff;
            }
            for (int i = 0; i < u.nt(); i++) {
                int t = u.t0() + i;
                int pe = Math.min(p1, step.pos[t] + 1);
                for (int j = 0; j < u.nh(); j++) {
                    int r = i * u.nh() + j;
                    for (int p = p0; p < pe; p++) {
                        GgmlMath.madd(lanes[r], tinyBlas, p, arrays[p - p0], offsets[p - p0], scores[r * last + p],
                                valueDim);
                    }
                }
            }
        }
        for (int i = 0; i < u.nt(); i++) {
            for (int j = 0; j < u.nh(); j++) {
                int r = i * u.nh() + j;
                GgmlMath.finish(lanes[r], tinyBlas, valueDim, out, ((u.t0() + i) * heads + u.h0() + j) * valueDim);
            }
        }
    }

    /**
     * The unblocked reference: one (token, head) row at a time on the calling thread, each row streaming its
     * whole history (what {@link #compute} did before it was blocked). Same operations in the same order per
     * row, so the same bits; for tests and the attention harness.
     */
    public static void computeReference(TensorOps ops, Step step, int layer, float[] q, int heads, int kvHeads,
                                        int keyDim, int valueDim, float scale, float[] out) {
        int group = heads / kvHeads;
        for (int th = 0; th < step.tokens * heads; th++) {
            int t = th / heads;
            int kvh = (th % heads) / group;
            KvCache cache = step.cache(t);
            int n = step.pos[t] + 1;
            float[] scores = new float[n];
            for (int p = 0; p < n; p++) {
                scores[p] = score(ops, step, q, th * keyDim, cache.keys(layer, p),
                        cache.keyOffset(layer, p) + kvh * keyDim, keyDim, scale);
            }
            ops.softmax(scores, 0, n);
            boolean tinyBlas = valueOrder(step, valueDim);
            float[] lanes = new float[GgmlMath.slots(tinyBlas) * valueDim];
            for (int p = 0; p < n; p++) {
                GgmlMath.madd(lanes, tinyBlas, p, cache.values(layer, p), cache.valueOffset(layer, p) + kvh * valueDim,
                        scores[p], valueDim);
            }
            GgmlMath.finish(lanes, tinyBlas, valueDim, out, th * valueDim);
        }
    }

    /**
     * {@code scale · q·k} in llama.cpp's order: {@code ggml_vec_dot_f32}'s ({@link TensorOps#dot}), which llama.cpp
     * takes for a decode token's single query column and for a prompt's non-contiguous queries alike.
     */
    static float score(TensorOps ops, Step step, float[] q, int qo, float[] k, int ko, int keyDim, float scale) {
        return scale * ops.dot(q, qo, k, ko, keyDim);
    }

    /**
     * Whether llama.cpp sums {@code V·p} in tinyBLAS's order (a step of several tokens) rather than
     * {@code ggml_vec_dot_f32}'s (one token): its positions are padded to 32, so only the step and the rows decide.
     */
    static boolean valueOrder(Step step, int valueDim) {
        return GgmlMath.tinyBlas(valueDim, 32, step.tokens);
    }

    /** This thread's {@code rows} zeroed lane buffers of at least {@code floats}. */
    private static float[][] lanes(int rows, int floats) {
        float[][] l = LANES.get();
        if (l.length < rows || l[0].length < floats) {
            l = new float[Math.max(rows, l.length)][Math.max(floats, l.length == 0 ? 0 : l[0].length)];
            LANES.set(l);
        }
        for (int r = 0; r < rows; r++) {
            Arrays.fill(l[r], 0, floats, 0f);
        }
        return l;
    }
}
