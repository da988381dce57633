package dev.guild.runtime.kernel.internal;

import org.junit.jupiter.api.Test;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkerPoolTest {

    @Test
    void every_participant_runs_each_job_once_and_pools_are_shared() {
        WorkerPool pool = WorkerPool.shared(3);
        assertThat(WorkerPool.shared(3)).isSameAs(pool);
        for (int round = 0; round < 200; round++) {
            ConcurrentHashMap<Integer, Integer> seen = new ConcurrentHashMap<>();
            pool.run((worker, workers) -> {
                assertThat(workers).isEqualTo(3);
                seen.merge(worker, 1, Integer::sum);
            });
            assertThat(seen).containsOnlyKeys(0, 1, 2).allSatisfy((k, v) -> assertThat(v).isEqualTo(1));
        }
    }

    @Test
    void a_worker_failure_reaches_the_caller_and_the_pool_keeps_working() {
        WorkerPool pool = WorkerPool.shared(2);
        assertThatThrownBy(() -> pool.run((worker, workers) -> {
            if (worker == 1) {
                throw new IllegalArgumentException("bad row 7");
            }
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("bad row 7");
        AtomicInteger runs = new AtomicInteger();
        pool.run((worker, workers) -> runs.incrementAndGet());
        assertThat(runs).hasValue(2);
        assertThatThrownBy(() -> WorkerPool.shared(0)).hasMessageContaining("0");
    }
}
