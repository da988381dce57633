package dev.guild.runtime.kernel.internal;

import org.junit.jupiter.api.Test;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkerPoolTest {

    @Test
    void shared_work_is_done_exactly_once_by_the_caller_and_the_workers_that_join() {
        WorkerPool pool = WorkerPool.shared(3);
        assertThat(WorkerPool.shared(3)).isSameAs(pool);
        for (int round = 0; round < 200; round++) {
            ConcurrentHashMap<Integer, Integer> participants = new ConcurrentHashMap<>();
            AtomicInteger next = new AtomicInteger();
            int[] done = new int[500];
            pool.run((worker, workers) -> {
                assertThat(workers).isEqualTo(3);
                participants.merge(worker, 1, Integer::sum);
                for (int u; (u = next.getAndIncrement()) < done.length; ) {
                    done[u]++;
                }
            });
            assertThat(done).containsOnly(1);
            assertThat(participants).containsKey(0).allSatisfy((k, v) -> assertThat(v).isEqualTo(1));
            assertThat(participants.keySet()).allSatisfy(k -> assertThat(k).isBetween(0, 2));
        }
    }

    @Test
    void a_worker_failure_reaches_the_caller_and_the_pool_keeps_working() {
        WorkerPool pool = WorkerPool.shared(2);
        assertThatThrownBy(() -> pool.run((worker, workers) -> {
            throw new IllegalArgumentException("bad row 7");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("bad row 7");
        AtomicInteger runs = new AtomicInteger();
        pool.run((worker, workers) -> runs.incrementAndGet());
        assertThat(runs.get()).isBetween(1, 2);
        assertThatThrownBy(() -> WorkerPool.shared(0)).hasMessageContaining("0");
    }
}
