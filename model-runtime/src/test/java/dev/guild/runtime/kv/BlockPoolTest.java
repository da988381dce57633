package dev.guild.runtime.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guild.runtime.model.KvShape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The paged KV cache's block accounting, sharing, eviction and isolation, on a tiny shape (2 layers, rows of 3). */
class BlockPoolTest {

    private static final KvShape SHAPE = new KvShape(2, 3, 3);
    private static final int B = 4;

    /** Writes a row derived from (sequence tag, position, layer) for each new position and advances. */
    private static void append(PagedKvCache c, float tag, int n) {
        int start = c.length();
        for (int layer = 0; layer < 2; layer++) {
            for (int p = start; p < start + n; p++) {
                float[] row = {tag, p, layer};
                c.put(layer, p, row, 0, row, 0);
            }
        }
        c.advance(n);
    }

    private static float[] row(PagedKvCache c, int layer, int p) {
        float[] a = c.keys(layer, p);
        int o = c.keyOffset(layer, p);
        return new float[] {a[o], a[o + 1], a[o + 2]};
    }

    private static int[] tokens(int n, int seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = r.nextInt(100);
        }
        return t;
    }

    @Test
    void a_sequence_is_opened_only_when_its_whole_capacity_fits_and_the_reservation_is_given_back() {
        BlockPool pool = new BlockPool(SHAPE, B, 5, true);
        PagedKvCache a = pool.open(tokens(5, 1), 12).orElseThrow(); // 3 blocks
        assertThat(pool.stats().pinnedBlocks()).isEqualTo(3);
        assertThat(pool.open(tokens(5, 2), 12)).isEmpty(); // 3 more do not fit beside 3 of 5
        PagedKvCache b = pool.open(tokens(5, 2), 8).orElseThrow();
        append(a, 1, 12);
        append(b, 2, 8);
        assertThat(pool.stats().usedBlocks()).isEqualTo(5);
        assertThatThrownBy(() -> append(a, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("12");
        a.release();
        b.release();
        assertThat(pool.stats()).isEqualTo(new BlockPool.Stats(B, 5, 0, 0, 0, 0));
        assertThatThrownBy(() -> pool.open(tokens(5, 3), 24)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs 6 KV blocks of 4 but the pool has 5");
    }

    @Test
    void concurrent_sequences_never_see_each_others_rows() {
        BlockPool pool = new BlockPool(SHAPE, B, 12, false);
        List<PagedKvCache> caches = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            caches.add(pool.open(tokens(3, s), 16).orElseThrow());
        }
        for (int step = 0; step < 16; step++) { // interleaved growth: blocks of the three alternate in storage
            for (int s = 0; s < 3; s++) {
                append(caches.get(s), s, 1);
            }
        }
        for (int s = 0; s < 3; s++) {
            for (int p = 0; p < 16; p++) {
                assertThat(row(caches.get(s), 1, p)).containsExactly(s, p, 1);
            }
        }
    }

    @Test
    void full_blocks_are_shared_by_a_later_prompt_with_the_same_prefix_and_never_written_again() {
        BlockPool pool = new BlockPool(SHAPE, B, 16, true);
        int[] transcript = tokens(11, 7);
        PagedKvCache first = pool.open(transcript, 16).orElseThrow();
        append(first, 1, 11);
        first.commit(transcript); // blocks 0 and 1 are full
        assertThat(pool.stats().cachedBlocks()).isEqualTo(2);

        int[] next = java.util.Arrays.copyOf(transcript, 14);
        next[11] = 1;
        next[12] = 2;
        next[13] = 3;
        PagedKvCache second = pool.open(next, 20).orElseThrow(); // while the first still runs
        assertThat(second.reusedTokens()).isEqualTo(8);
        assertThat(second.length()).isEqualTo(8);
        assertThat(row(second, 0, 5)).containsExactly(1, 5, 0); // the first sequence's rows
        assertThat(pool.stats().usedBlocks()).isEqualTo(3); // two shared blocks counted once, plus the first's third
        append(second, 2, 6);
        assertThat(row(first, 1, 9)).containsExactly(1, 9, 1); // the first's own block is untouched
        assertThat(row(second, 1, 9)).containsExactly(2, 9, 1);
        assertThatThrownBy(() -> second.truncate(5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shared prefix blocks");

        int[] other = tokens(11, 8); // a different first block: nothing is shared
        assertThat(pool.open(other, 12).orElseThrow().reusedTokens()).isZero();
        int[] exactlyTwoBlocks = java.util.Arrays.copyOf(transcript, 8);
        assertThat(pool.open(exactlyTwoBlocks, 12).orElseThrow().reusedTokens())
                .as("the last prompt token is always computed").isEqualTo(4);
    }

    @Test
    void a_different_earlier_block_means_no_match_even_with_the_same_later_tokens() {
        BlockPool pool = new BlockPool(SHAPE, B, 16, true);
        int[] a = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        PagedKvCache c = pool.open(a, 12).orElseThrow();
        append(c, 1, 9);
        c.commit(a);
        c.release();
        int[] b = {0, 2, 3, 4, 5, 6, 7, 8, 9}; // block 1 is equal, but its parent is not
        assertThat(pool.open(b, 12).orElseThrow().reusedTokens()).isZero();
    }

    @Test
    void unreferenced_cached_blocks_are_evicted_least_recently_used_leaf_first_when_storage_runs_out() {
        BlockPool pool = new BlockPool(SHAPE, B, 4, true);
        int[] a = tokens(9, 11);
        PagedKvCache c = pool.open(a, 9).orElseThrow(); // 3 blocks
        append(c, 1, 9);
        c.commit(a);
        c.release();
        assertThat(pool.stats().evictableBlocks()).isEqualTo(2);
        assertThat(pool.stats().pinnedBlocks()).isZero();

        // 3 blocks: the first's partial one (free), the one never allocated, and one evicted
        PagedKvCache other = pool.open(tokens(9, 12), 12).orElseThrow();
        append(other, 2, 12);
        assertThat(pool.stats().cachedBlocks()).isEqualTo(1);
        other.release();
        PagedKvCache again = pool.open(a, 12).orElseThrow();
        assertThat(again.reusedTokens()).as("the parent block survived, its child was evicted first").isEqualTo(4);
        assertThat(row(again, 0, 3)).containsExactly(1, 3, 0);
    }

    @Test
    void truncating_private_blocks_returns_them_to_the_reservation() {
        BlockPool pool = new BlockPool(SHAPE, B, 3, false);
        PagedKvCache c = pool.open(tokens(2, 1), 12).orElseThrow();
        append(c, 1, 10);
        c.truncate(3);
        assertThat(pool.stats().usedBlocks()).isEqualTo(1);
        assertThat(pool.stats().pinnedBlocks()).isEqualTo(3);
        append(c, 5, 9);
        assertThat(row(c, 0, 2)).containsExactly(1, 2, 0);
        assertThat(row(c, 0, 11)).containsExactly(5, 11, 0);
        c.release();
        assertThatThrownBy(() -> append(c, 1, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("released");
    }
}
